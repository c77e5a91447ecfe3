#pragma once
// Which vector instructions the training kernels run with, chosen once at run time so that one
// build serves every x86-64. Every kernel gives the same bits on either, so the choice is one of
// speed only; METACF_SIMD=baseline in the environment forces the SSE2 kernels (to compare them).
namespace metacf::simd {

// Whether the CPU has AVX2 (serving's 8-bit first pass asks this alone).
bool cpu_has_avx2();

// True when the CPU has AVX2 and METACF_SIMD is not "baseline".
bool avx2_enabled();

}  // namespace metacf::simd
