# usher_embed_text(TARGET FILE FUNCTION): compiles FILE into TARGET as
# `const std::string& FUNCTION()` (a fully qualified name, e.g. usher::api::OpenApiDocument).
# Editing FILE re-runs the configure step.
function(usher_embed_text target file function)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} content)
  if(content MATCHES "\\)usher_text\"")
    message(FATAL_ERROR "${file} must not contain the text )usher_text\"")
  endif()
  string(REGEX REPLACE "::[^:]+$" "" ns "${function}")
  string(REGEX REPLACE "^.*::" "" name "${function}")
  get_filename_component(stem ${file} NAME)
  set(out ${CMAKE_BINARY_DIR}/generated/${target}_${stem}.cc)
  file(WRITE ${out}.tmp
       "// Generated from ${file} by cmake/embed_text.cmake. Do not edit.\n"
       "#include <string>\n\nnamespace ${ns} {\n\n"
       "const std::string& ${name}() {\n"
       "  static const std::string text = R\"usher_text(${content})usher_text\";\n"
       "  return text;\n}\n\n}  // namespace ${ns}\n")
  file(COPY_FILE ${out}.tmp ${out} ONLY_IF_DIFFERENT)
  target_sources(${target} PRIVATE ${out})
endfunction()
