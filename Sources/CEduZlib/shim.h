// Thin shim over zlib for Swift: only what Swift cannot call directly.
#ifndef CEDUZLIB_SHIM_H
#define CEDUZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro; Swift sees only functions. Negative window bits: raw deflate (ZIP entries).
static inline int eduetl_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

/// deflateInit2 is a macro too: raw deflate for the ZIP writer.
static inline int eduetl_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
