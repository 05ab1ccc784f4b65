# `cmake --install`: the certcalc command, the core's header and static library, a CMake
# package (find_package(certcalc) -> certcalc::core) and a pkg-config file (certcalc.pc), and the
# licence (MIT: its notice goes with every copy) as share/doc/certcalc/LICENSE.
# examples/embed-cpp is built against the installed result by the tests (ctest: embed_cpp).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CERTCALC_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/certcalc")

install(TARGETS certcalc RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS certcalc_core EXPORT certcalcTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/core/include/certcalc"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT certcalcTargets NAMESPACE certcalc:: DESTINATION "${CERTCALC_CMAKE_DIR}")
# CMAKE_INSTALL_DOCDIR: share/doc/certcalc (GNUInstallDirs: DATAROOTDIR/doc/PROJECT_NAME).
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/certcalcConfig.cmake.in"
  "${CMAKE_CURRENT_BINARY_DIR}/certcalcConfig.cmake" INSTALL_DESTINATION "${CERTCALC_CMAKE_DIR}")
# 0.x: a minor version may change the API, so only the same minor version is compatible.
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/certcalcConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/certcalcConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/certcalcConfigVersion.cmake"
        DESTINATION "${CERTCALC_CMAKE_DIR}")

# pkg-config: the prefix is found from where the .pc file lies (${pcfiledir}), so that
# `cmake --install --prefix DIR` and a moved tree both work; absolute dirs are written as they are.
set(CERTCALC_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
if(NOT IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  file(RELATIVE_PATH CERTCALC_PC_UP "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  string(REGEX REPLACE "/$" "" CERTCALC_PC_UP "${CERTCALC_PC_UP}")
  set(CERTCALC_PC_PREFIX "\${pcfiledir}/${CERTCALC_PC_UP}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(CERTCALC_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(CERTCALC_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file("${CMAKE_CURRENT_LIST_DIR}/certcalc.pc.in" "${CMAKE_CURRENT_BINARY_DIR}/certcalc.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/certcalc.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
