# Cross-compiling vitrine for a 64-bit Raspberry Pi (Raspberry Pi OS / Debian arm64) on a
# Debian amd64 machine with multiarch arm64 -dev packages (tests/stages/50-arm64.sh):
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=platform/toolchain-aarch64.cmake
# Tests run through qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR), no binfmt needed.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(VITRINE_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${VITRINE_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${VITRINE_TRIPLET}-g++)

# Multiarch: arm64 libraries live in /usr/lib/aarch64-linux-gnu beside the amd64 ones,
# headers are shared in /usr/include. Search only target directories for libraries.
set(CMAKE_LIBRARY_ARCHITECTURE ${VITRINE_TRIPLET})
set(CMAKE_FIND_ROOT_PATH /usr/${VITRINE_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# pkg-config must describe the arm64 libraries, never the build machine's.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${VITRINE_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# qemu-user runs the tests with the multiarch arm64 loader and libc (libc6:arm64, in /lib
# and /usr/lib/aarch64-linux-gnu), hence -L /. Not -L /usr/aarch64-linux-gnu: that holds
# the cross toolchain's own glibc (libc6-arm64-cross), a different build from the
# libc6:arm64 the -dev packages pull in, and a loader of one with the libc of the other
# hangs in the first pthread_create.
find_program(VITRINE_QEMU_AARCH64 NAMES qemu-aarch64 qemu-aarch64-static)
if(VITRINE_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${VITRINE_QEMU_AARCH64} -L /)
endif()
