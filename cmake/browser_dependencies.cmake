# The browser build's libraries (issue 12): the same Debian packages as the native build, all four
# header-only here, taken from the host's /usr/include. Emscripten compiles against its own C and C++
# libraries, so /usr/include itself (glibc's headers) must not be on the include path: each library's
# folder is linked, alone, into one folder of the build tree, which is searched instead.
set(nnwb_browser_include ${PROJECT_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${nnwb_browser_include})
foreach(folder IN ITEMS eigen3/Eigen fmt nlohmann toml++)
  get_filename_component(name ${folder} NAME)
  if(NOT EXISTS /usr/include/${folder})
    message(FATAL_ERROR "The browser build needs /usr/include/${folder}: apt-get install libeigen3-dev libfmt-dev "
                        "nlohmann-json3-dev libtomlplusplus-dev (.ci/install-deps installs them)")
  endif()
  file(CREATE_LINK /usr/include/${folder} ${nnwb_browser_include}/${name} SYMBOLIC)
endforeach()

# The targets the native build gets from find_package, under the same names.
foreach(target IN ITEMS Eigen3::Eigen fmt::fmt nlohmann_json::nlohmann_json tomlplusplus::tomlplusplus)
  add_library(${target} INTERFACE IMPORTED)
  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${nnwb_browser_include}
                                             INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${nnwb_browser_include})
endforeach()
# fmt as headers only: Debian's libfmt.so is a host library.
set_property(TARGET fmt::fmt PROPERTY INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY)
