# The web UI's tests in CTest (included from tests/CMakeLists.txt), so that
# `make test` runs them in parallel with the C++ tests and fails with them.
add_test(NAME web_component_tests COMMAND ${PROJECT_SOURCE_DIR}/scripts/web-test.sh unit)
add_test(NAME web_e2e_tests
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/web-test.sh e2e $<TARGET_FILE:reghub>
          ${PROJECT_BINARY_DIR}/e2e-screenshots)
set_tests_properties(web_component_tests web_e2e_tests PROPERTIES LABELS web TIMEOUT 600)
