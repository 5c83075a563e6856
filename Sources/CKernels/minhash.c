#include "kernels.h"

// The one loop below is compiled for AVX-512, where the compiler multiplies eight
// 64-bit lanes at once (vpmullq), and for the baseline; the CPU picks at run time.

__attribute__((always_inline))
static inline void fold(const uint64_t *restrict shingles, size_t count,
                        const uint64_t *restrict seeds, uint64_t *restrict minima) {
    for (size_t i = 0; i < count; i++) {
        const uint64_t shingle = shingles[i];
        for (size_t k = 0; k < GEOTAG_MINHASH_WIDTH; k++) {
            uint64_t z = (shingle ^ seeds[k]) + 0x9E3779B97F4A7C15ull;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            z ^= z >> 31;
            minima[k] = z < minima[k] ? z : minima[k];
        }
    }
}

void geotag_minhash_fold_portable(const uint64_t *shingles, size_t count,
                                  const uint64_t *seeds, uint64_t *minima) {
    fold(shingles, count, seeds, minima);
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq")))
static void fold_avx512(const uint64_t *shingles, size_t count,
                        const uint64_t *seeds, uint64_t *minima) {
    fold(shingles, count, seeds, minima);
}
#endif

void geotag_minhash_fold(const uint64_t *shingles, size_t count,
                         const uint64_t *seeds, uint64_t *minima) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
        fold_avx512(shingles, count, seeds, minima);
        return;
    }
#endif
    fold(shingles, count, seeds, minima);
}
