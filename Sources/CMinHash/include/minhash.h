#ifndef GEOTAG_MINHASH_H
#define GEOTAG_MINHASH_H

#include <stddef.h>
#include <stdint.h>

/// The number of hash functions of a signature: `seeds` and `minima` hold this many.
#define GEOTAG_MINHASH_WIDTH 64

/// Folds shingle hashes into MinHash minima: for every shingle `s` and every
/// function `k`, `minima[k] = min(minima[k], mix(s ^ seeds[k]))`, where `mix`
/// is SplitMix64's step and finaliser, as geotag's TextSignature defines them. On a
/// CPU with AVX-512DQ eight functions go at once; elsewhere one by one.
void geotag_minhash_fold(const uint64_t *shingles, size_t count,
                         const uint64_t *seeds, uint64_t *minima);

/// The same, one function at a time on any CPU: what the tests compare with.
void geotag_minhash_fold_portable(const uint64_t *shingles, size_t count,
                                  const uint64_t *seeds, uint64_t *minima);

#endif
