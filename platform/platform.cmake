# vitrine on a Raspberry Pi: the systemd unit, the configuration file, vitrinectl, the
# system user, and the Debian package (CPack DEB). Included by the top CMakeLists.txt.
# Build a package:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-rel && (cd build-rel && cpack -G DEB)
# The install prefix defaults to /usr (set in the top CMakeLists.txt before
# GNUInstallDirs), the package's own: with CMake's /usr/local, `cpack -G DEB` made a
# package whose unit landed in /usr/local/lib/systemd/system, where systemd never looks.

set(VITRINE_PLATFORM_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VITRINE_CONFDIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}/vitrine")
set(VITRINE_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}")
set(VITRINE_DOCDIR "${CMAKE_INSTALL_FULL_DOCDIR}")
# Debian 12 keeps units in /lib/systemd/system (lintian flags /usr/lib there); any other
# prefix (a developer's /usr/local) keeps them under the prefix.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(default_unitdir /lib/systemd/system)
else()
  set(default_unitdir ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()
set(VITRINE_SYSTEMD_UNITDIR ${default_unitdir} CACHE PATH "Where vitrine.service is installed")
set(VITRINE_SYSUSERSDIR ${CMAKE_INSTALL_PREFIX}/lib/sysusers.d)

# The installed unit names the installed binary and configuration file.
configure_file(${VITRINE_PLATFORM_DIR}/vitrine.service.in
               ${CMAKE_BINARY_DIR}/platform/vitrine.service @ONLY)
# A copy for `systemd-analyze verify` in the tests, whose ExecStart must exist: the
# build tree's binary.
set(VITRINE_BINDIR "$<TARGET_FILE_DIR:vitrine>")
configure_file(${VITRINE_PLATFORM_DIR}/vitrine.service.in
               ${CMAKE_BINARY_DIR}/platform/vitrine.service.test.in @ONLY)
file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/platform/test/vitrine.service
     INPUT ${CMAKE_BINARY_DIR}/platform/vitrine.service.test.in)
set(VITRINE_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}")

install(FILES ${CMAKE_BINARY_DIR}/platform/vitrine.service
        DESTINATION ${VITRINE_SYSTEMD_UNITDIR})
install(FILES ${VITRINE_PLATFORM_DIR}/vitrine.sysusers DESTINATION ${VITRINE_SYSUSERSDIR}
        RENAME vitrine.conf)
install(FILES ${VITRINE_PLATFORM_DIR}/vitrine.conf DESTINATION ${VITRINE_CONFDIR})
install(PROGRAMS ${VITRINE_PLATFORM_DIR}/vitrinectl DESTINATION ${CMAKE_INSTALL_BINDIR})
# `vitrinectl fleet` (the heartbeat receiver) loads it from ../share/vitrine.
install(FILES ${VITRINE_PLATFORM_DIR}/vitrine-fleet.py
        DESTINATION ${CMAKE_INSTALL_DATADIR}/vitrine)
# With a desktop, the service steps aside and every session runs `vitrinectl session`.
install(FILES ${VITRINE_PLATFORM_DIR}/vitrine.desktop
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/autostart)
if(EXISTS ${CMAKE_SOURCE_DIR}/docs/raspberry-pi.md)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/raspberry-pi.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

# Debian wants a compressed changelog beside the documentation.
find_program(GZIP_EXECUTABLE gzip)
if(GZIP_EXECUTABLE)
  string(TIMESTAMP VITRINE_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  configure_file(${VITRINE_PLATFORM_DIR}/debian/changelog.in
                 ${CMAKE_BINARY_DIR}/platform/changelog @ONLY)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/platform/changelog.gz
                     COMMAND ${GZIP_EXECUTABLE} -9nc ${CMAKE_BINARY_DIR}/platform/changelog
                             > ${CMAKE_BINARY_DIR}/platform/changelog.gz
                     DEPENDS ${CMAKE_BINARY_DIR}/platform/changelog VERBATIM)
  add_custom_target(vitrine_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/platform/changelog.gz)
  install(FILES ${CMAKE_BINARY_DIR}/platform/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

# --- CPack: vitrine_<version>_<arch>.deb --------------------------------------------------
set(CPACK_PACKAGE_NAME vitrine)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "vitrine")
set(CPACK_PACKAGE_CONTACT "vitrine maintainers <vitrine@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "kiosk slideshow for event venue screens")
# CPack puts the summary first and indents these lines itself: no leading spaces here.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "vitrine loops full-screen slides (partners, delegations, announcements)
from one JSON feed on a lobby screen, in French and English. It runs on a
Raspberry Pi with no desktop, drawing through KMS/DRM, as a systemd service
that keeps the last good deck on screen when the network drops.")
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(WARNING "CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}: a .deb made from this "
                  "tree installs there, and systemd does not start units from "
                  "${VITRINE_SYSTEMD_UNITDIR}. Packages are built with the default, /usr.")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from the binary itself (dpkg-shlibdeps, in dpkg-dev). Fonts
# are opened by path at run time, so they are named here; python3 runs vitrinectl;
# systemd runs the service and creates its user (systemd-sysusers); the time zones are
# read from tzdata's files (zone.c), never linked. SDL's KMS/DRM output loads EGL, GLES
# and Mesa's drivers with dlopen, so dpkg-shlibdeps cannot see them: without libegl1,
# libgles2 and libgl1-mesa-dri a console-only Debian 12 says "EGL not initialized" and
# the screen stays black (found booting the package in tests/system).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "fonts-noto-core | fonts-dejavu-core, python3, systemd, tzdata, libegl1, libgles2, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${VITRINE_PLATFORM_DIR}/debian/postinst ${VITRINE_PLATFORM_DIR}/debian/prerm
    ${VITRINE_PLATFORM_DIR}/debian/postrm ${VITRINE_PLATFORM_DIR}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
if(CMAKE_CROSSCOMPILING)
  # dpkg --print-architecture would name the build machine's architecture.
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE armhf)
  endif()
endif()
set(CPACK_GENERATOR DEB)
include(CPack)
