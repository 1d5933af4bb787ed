# genrekit_set_warnings(<target>): the warning set every genrekit target builds with.
function(genrekit_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wformat=2 -Wimplicit-fallthrough
    # Designated initialisers leave defaulted members out on purpose.
    -Wno-missing-field-initializers)
  if(GENREKIT_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
