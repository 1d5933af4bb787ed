# GENREKIT_GIT_REVISION: the commit the build came from ("unknown" outside a git checkout),
# with "-dirty" when the work tree had changes at configure time. Written into every run directory.
set(GENREKIT_GIT_REVISION "unknown")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --abbrev=12
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE _rev OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _rev)
    set(GENREKIT_GIT_REVISION "${_rev}")
  endif()
endif()
