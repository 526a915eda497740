# The browser build's one product: nnwb.js, the chapters, the exercises and the grader compiled to
# WebAssembly with the functions of exercises/browser.cpp, for pages and for node. Included by
# exercises/CMakeLists.txt in the browser build only.
add_executable(nnwb_browser_module ${PROJECT_SOURCE_DIR}/exercises/browser.cpp)
target_link_libraries(nnwb_browser_module PRIVATE nnwb_exercises nnwb_options)
target_link_options(nnwb_browser_module PRIVATE
  -lembind                  # the functions, by name, with JavaScript strings in and out
  -sMODULARIZE=1 -sEXPORT_NAME=createNnwb  # `createNnwb()` returns a promise of the module
  -sSINGLE_FILE=1           # the WebAssembly inside the .js: a page opened from file:// cannot fetch a .wasm
  -sALLOW_MEMORY_GROWTH=1   # chapter 18 at full size needs more than the first 16 MB
  -sENVIRONMENT=web,node    # the site's pages, and node for the tests
  -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0)  # under node, leave node's own handlers alone
set_target_properties(nnwb_browser_module PROPERTIES OUTPUT_NAME nnwb SUFFIX ".js"
                                                   RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})

# bin/<chapter>: each chapter as a program that runs the module under node and takes the native
# chapter's --format json, --seed and --student, so that tests/compare_builds.py compares the
# browser build with the native one as it compares any two builds.
foreach(chapter IN LISTS NNWB_CHAPTERS)
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/bin-staging/${chapter} CONTENT
"#!/bin/sh
# ${chapter} in the browser build: the WebAssembly module under node (tests/browser/chapter_under_node.cjs).
exec node '${PROJECT_SOURCE_DIR}/tests/browser/chapter_under_node.cjs' '${PROJECT_BINARY_DIR}/nnwb.js' ${chapter} \"$@\"
" @ONLY)
  file(COPY ${PROJECT_BINARY_DIR}/bin-staging/${chapter} DESTINATION ${PROJECT_BINARY_DIR}/bin
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
