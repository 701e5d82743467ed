#ifndef AESREPORT_CZLIB_SHIM_H
#define AESREPORT_CZLIB_SHIM_H
#include <zlib.h>
#endif
