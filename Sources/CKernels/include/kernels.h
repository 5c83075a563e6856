#ifndef GEOTAG_KERNELS_H
#define GEOTAG_KERNELS_H

// geotag's few hot loops that gain from instructions a baseline x86-64 build may not
// use (AVX-512, AVX2, the SHA extensions). Each is compiled for the wider CPU beside a
// portable version, and the CPU picks at run time; both give the same numbers.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The number of hash functions of a signature: `seeds` and `minima` hold this many.
#define GEOTAG_MINHASH_WIDTH 64

/// Folds shingle hashes into MinHash minima: for every shingle `s` and every
/// function `k`, `minima[k] = min(minima[k], mix(s ^ seeds[k]))`, where `mix`
/// is SplitMix64's step and finaliser, as geotag's TextSignature defines them. On a
/// CPU with AVX-512DQ eight functions go at once, with AVX2 four; elsewhere one by one.
void geotag_minhash_fold(const uint64_t *shingles, size_t count,
                         const uint64_t *seeds, uint64_t *minima);

/// The instructions a MinHash fold can use.
typedef enum {
    GEOTAG_FOLD_PORTABLE = 0,
    GEOTAG_FOLD_AVX2 = 1,
    GEOTAG_FOLD_AVX512 = 2,
} geotag_fold_path;

/// The same fold with the instructions `path` names; returns false, and folds nothing,
/// when this CPU lacks them. The tests compare each path this CPU runs with the portable
/// one (one function at a time, on any CPU).
bool geotag_minhash_fold_with(geotag_fold_path path, const uint64_t *shingles, size_t count,
                              const uint64_t *seeds, uint64_t *minima);

/// SHA-256's compression function (FIPS 180-4) over `blocks` 64-byte blocks at
/// `data`, updating the eight words of `state`. With the SHA extensions where the
/// CPU has them.
void geotag_sha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The same in plain C on any CPU: what the tests compare with.
void geotag_sha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
