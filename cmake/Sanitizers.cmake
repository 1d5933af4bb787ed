# With GENREKIT_SANITIZE=ON every target (library, tools, tests) is built and linked with ASan + UBSan.
if(GENREKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
