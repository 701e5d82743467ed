#include "interrupt_cleanup.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#define CAPACITY 4096
#define NAME_BYTES 96

/// A slot is in use while `folder` is not -1; it is written with `folder` last (release) and read with `folder`
/// first (acquire), so the handler never reads a half-written name.
struct entry {
    _Atomic int folder;
    char name[NAME_BYTES];
};

static struct entry entries[CAPACITY];
/// Slots ever used (they are reused once forgotten).
static _Atomic int used;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void aesreport_interrupt_cleanup_add(int folder, const char *name) {
    size_t length = strlen(name);
    if (folder < 0 || length >= NAME_BYTES) return;
    pthread_mutex_lock(&lock);
    int count = atomic_load(&used);
    int slot = -1;
    for (int i = 0; i < count; i++) {
        if (atomic_load_explicit(&entries[i].folder, memory_order_relaxed) == -1) { slot = i; break; }
    }
    if (slot < 0 && count < CAPACITY) {
        slot = count;
        atomic_store_explicit(&entries[slot].folder, -1, memory_order_relaxed);
        atomic_store(&used, count + 1);
    }
    if (slot >= 0) {
        memcpy(entries[slot].name, name, length + 1);
        atomic_store_explicit(&entries[slot].folder, folder, memory_order_release);
    }
    pthread_mutex_unlock(&lock);
}

void aesreport_interrupt_cleanup_forget(int folder, const char *name) {
    pthread_mutex_lock(&lock);
    int count = atomic_load(&used);
    for (int i = 0; i < count; i++) {
        if (atomic_load_explicit(&entries[i].folder, memory_order_relaxed) == folder
            && strncmp(entries[i].name, name, NAME_BYTES) == 0) {
            atomic_store(&entries[i].folder, -1);
            break;
        }
    }
    pthread_mutex_unlock(&lock);
}

void aesreport_interrupt_cleanup_forget_folder(int folder) {
    pthread_mutex_lock(&lock);
    int count = atomic_load(&used);
    for (int i = 0; i < count; i++) {
        int expected = folder;
        atomic_compare_exchange_strong(&entries[i].folder, &expected, -1);
    }
    pthread_mutex_unlock(&lock);
}

int aesreport_interrupt_cleanup_unlink_all(void) {
    int removed = 0;
    int count = atomic_load(&used);
    for (int i = 0; i < count; i++) {
        int folder = atomic_load_explicit(&entries[i].folder, memory_order_acquire);
        if (folder >= 0 && unlinkat(folder, entries[i].name, 0) == 0) removed++;
    }
    return removed;
}
