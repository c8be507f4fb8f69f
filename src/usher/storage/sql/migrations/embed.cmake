# Embeds migrations/NNNN_name.sql into usher_sql as a generated .cc
# (EmbeddedMigrations(dialect)). One text serves both dialects; where they differ the
# file holds a marker replaced here ({{auto_id}}: an auto-incremented BIGINT key), or
# blocks of one dialect only: from a line "-- {{sqlite}}" or "-- {{postgres}}" to a line
# "-- {{end}}" (triggers, whose syntax differs).
# Included from the top-level CMakeLists.txt right after usher_module(usher_sql ...);
# adding or editing a .sql file re-runs the configure step.

# Sets `out` to `sql` with the blocks of `dialect` kept (without their marker lines) and
# the blocks of the other dialect removed.
function(usher_sql_dialect_blocks sql dialect out)
  set(close "-- {{end}}")
  string(LENGTH "${close}" close_length)
  foreach(block sqlite postgres)
    set(open "-- {{${block}}}")
    string(LENGTH "${open}" open_length)
    string(FIND "${sql}" "${open}" start)
    while(NOT start EQUAL -1)
      string(SUBSTRING "${sql}" 0 ${start} before)
      math(EXPR body_start "${start} + ${open_length}")
      string(SUBSTRING "${sql}" ${body_start} -1 rest)
      string(FIND "${rest}" "${close}" stop)
      if(stop EQUAL -1)
        message(FATAL_ERROR "a migration's \"${open}\" block has no \"${close}\" line")
      endif()
      string(SUBSTRING "${rest}" 0 ${stop} body)
      math(EXPR after_start "${stop} + ${close_length}")
      string(SUBSTRING "${rest}" ${after_start} -1 after)
      if(block STREQUAL dialect)
        set(sql "${before}${body}${after}")
      else()
        set(sql "${before}${after}")
      endif()
      string(FIND "${sql}" "${open}" start)
    endwhile()
  endforeach()
  set(${out} "${sql}" PARENT_SCOPE)
endfunction()
file(GLOB usher_sql_migration_files CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/[0-9][0-9][0-9][0-9]_*.sql)
list(SORT usher_sql_migration_files)
set(usher_sql_migrations_body "")
foreach(dialect sqlite postgres)
  if(dialect STREQUAL "sqlite")
    set(auto_id "INTEGER PRIMARY KEY")
  else()
    set(auto_id "BIGSERIAL PRIMARY KEY")
  endif()
  string(APPEND usher_sql_migrations_body "  static const std::vector<Migration> ${dialect} = {\n")
  foreach(file IN LISTS usher_sql_migration_files)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    get_filename_component(stem ${file} NAME_WE)
    string(SUBSTRING ${stem} 0 4 digits)
    string(SUBSTRING ${stem} 5 -1 name)
    string(REGEX REPLACE "^0+" "" version "${digits}")
    file(READ ${file} sql)
    if(sql MATCHES "\\)usher_sql\"")
      message(FATAL_ERROR "${file} must not contain the text )usher_sql\"")
    endif()
    string(REPLACE "{{auto_id}}" "${auto_id}" sql "${sql}")
    usher_sql_dialect_blocks("${sql}" ${dialect} sql)
    string(APPEND usher_sql_migrations_body
           "      {${version}, \"${name}\", R\"usher_sql(${sql})usher_sql\"},\n")
  endforeach()
  string(APPEND usher_sql_migrations_body "  };\n")
endforeach()
set(usher_sql_migrations_cc ${CMAKE_BINARY_DIR}/generated/usher_sql_migrations.cc)
file(WRITE ${usher_sql_migrations_cc}.tmp
     "// Generated from src/usher/storage/sql/migrations/*.sql by embed.cmake. Do not edit.\n"
     "#include \"usher/storage/sql/migrations.h\"\n\n"
     "namespace usher::storage::sql {\n\n"
     "const std::vector<Migration>& EmbeddedMigrations(Dialect dialect) {\n"
     "${usher_sql_migrations_body}"
     "  return dialect == Dialect::kPostgres ? postgres : sqlite;\n"
     "}\n\n"
     "}  // namespace usher::storage::sql\n")
file(COPY_FILE ${usher_sql_migrations_cc}.tmp ${usher_sql_migrations_cc} ONLY_IF_DIFFERENT)
target_sources(usher_sql PRIVATE ${usher_sql_migrations_cc})
