# Writes INPUT's text into OUTPUT as `std::string_view reghub::http::OpenApiDocument()`.
file(READ ${INPUT} content)
set(delimiter "reghub_embed")
file(WRITE ${OUTPUT}
  "#include <string_view>\n"
  "namespace reghub::http {\n"
  "std::string_view OpenApiDocument() {\n"
  "  static constexpr std::string_view kDocument = R\"${delimiter}(${content})${delimiter}\";\n"
  "  return kDocument;\n"
  "}\n"
  "}  // namespace reghub::http\n")
