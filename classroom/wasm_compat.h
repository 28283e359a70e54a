#pragma once
// Included before every source of the WebAssembly build (-include), and only there: it fills two
// gaps of Debian 12's emscripten 3.1.6 so that the core's sources compile unchanged.

// Random123 1.14's features/gccfeatures.h stops the compilation on any architecture it was not
// tested on, wasm32 among them. The core uses Philox4x32 only, whose rounds need nothing but
// 32x32->64-bit multiplication (no 128-bit integers, no assembly, no x86 intrinsics), so the check
// is passed once here by naming an architecture that takes the same portable choices; the
// features header is included only once, and the name is removed before any other header sees it.
#define __riscv 1
#include <Random123/features/compilerfeatures.h>
#undef __riscv

// emscripten 3.1.6 ships libc++ 13, which lacks C++20's std::bit_cast (libc++ 14 has it). The core
// uses it to compare and order doubles by their bits; clang's builtin is the same operation.
#ifdef __cplusplus
#include <bit>
#include <type_traits>
#if !defined(__cpp_lib_bit_cast)
namespace std {
template <class To, class From>
requires(sizeof(To) == sizeof(From) && is_trivially_copyable_v<To> &&
         is_trivially_copyable_v<From>) constexpr To bit_cast(const From& from) noexcept {
  return __builtin_bit_cast(To, from);
}
}  // namespace std
#endif

#endif
