#ifndef AESREPORT_INTERRUPT_CLEANUP_H
#define AESREPORT_INTERRUPT_CLEANUP_H

/// Temporary files a report is writing, named so that a signal handler can remove them before the process ends
/// (`_exit` after Ctrl-C): the list lives in fixed static memory and is read without a lock, so removing is
/// async-signal-safe (`unlinkat` only). Adding and forgetting take a mutex that the handler never takes.

/// Remembers `name` (a temporary file in the folder open as `folder`). Names longer than 95 bytes, and names past
/// the first 4,096 remembered at once, are not kept (the next run into the folder still removes them).
void aesreport_interrupt_cleanup_add(int folder, const char *name);

/// Forgets `name` in `folder` (it could not be created after all).
void aesreport_interrupt_cleanup_forget(int folder, const char *name);

/// Forgets every name in `folder` (before its descriptor is closed and its number reused).
void aesreport_interrupt_cleanup_forget_folder(int folder);

/// Removes every remembered name that still exists; for a signal handler. Returns how many were removed.
int aesreport_interrupt_cleanup_unlink_all(void);

#endif
