# Writes the classroom page: the template with the style sheet, the engine (emscripten's
# single-file module, the .wasm inside it as a data URI) and the page's script put in place, so
# that one HTML file holds everything and fetches nothing.
#
#   cmake -DTEMPLATE=template.html -DCSS=page.css -DJS=page.js -DENGINE=regiesim-klas-engine.js \
#         -DOUTPUT=regiesim-klas.html -P assemble.cmake
foreach(_input TEMPLATE CSS JS ENGINE OUTPUT)
  if(NOT DEFINED ${_input})
    message(FATAL_ERROR "assemble.cmake: -D${_input}=... is missing")
  endif()
endforeach()
file(READ ${TEMPLATE} _page)
file(READ ${CSS} _css)
file(READ ${JS} _js)
file(READ ${ENGINE} _engine)
# A script's text ends at the first "</script"; neither script may contain one.
foreach(_part _js _engine)
  string(TOLOWER "${${_part}}" _lower)
  string(FIND "${_lower}" "</script" _at)
  if(NOT _at EQUAL -1)
    message(FATAL_ERROR "assemble.cmake: ${_part} contains </script at ${_at}")
  endif()
endforeach()
foreach(_marker "/*KLAS_CSS*/" "/*KLAS_ENGINE*/" "/*KLAS_PAGE*/")
  string(FIND "${_page}" "${_marker}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "assemble.cmake: ${TEMPLATE} lacks ${_marker}")
  endif()
endforeach()
# Replace one marker at a time by splitting at it, so that nothing inside the inserted texts is
# read as a marker or a CMake list separator.
function(_put marker text)
  string(FIND "${_page}" "${marker}" _at)
  string(LENGTH "${marker}" _n)
  string(SUBSTRING "${_page}" 0 ${_at} _head)
  math(EXPR _from "${_at} + ${_n}")
  string(SUBSTRING "${_page}" ${_from} -1 _tail)
  set(_page "${_head}${text}${_tail}" PARENT_SCOPE)
endfunction()
_put("/*KLAS_CSS*/" "${_css}")
_put("/*KLAS_PAGE*/" "${_js}")
_put("/*KLAS_ENGINE*/" "${_engine}")
file(WRITE ${OUTPUT} "${_page}")
file(SIZE ${OUTPUT} _size)
# The page must fit a USB stick's e-mail attachment and load quickly on a municipal laptop.
if(_size GREATER 3145728)
  message(FATAL_ERROR "assemble.cmake: ${OUTPUT} is ${_size} bytes, over 3 MB")
endif()
message(STATUS "regiesim-klas.html: ${_size} bytes")
