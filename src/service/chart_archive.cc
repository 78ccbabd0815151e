#include "service/chart_archive.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace reghub::service {
namespace {

constexpr std::size_t kBlock = 512;

std::string MiB(std::size_t bytes) {
  if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// An entry name fit for a message: printable, at most 120 characters.
std::string Shown(std::string_view name) {
  std::string shown;
  for (char c : name.substr(0, 120)) shown.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (name.size() > 120) shown += "...";
  return "\"" + shown + "\"";
}

std::string FieldText(const char* field, std::size_t length) {
  std::size_t end = 0;
  while (end < length && field[end] != '\0') ++end;
  return std::string(field, end);
}

// An octal header number (NUL/space terminated, leading spaces allowed).
std::optional<std::uint64_t> ParseOctal(const char* field, std::size_t length) {
  std::size_t i = 0;
  while (i < length && field[i] == ' ') ++i;
  std::uint64_t value = 0;
  bool digits = false;
  for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (value > (std::uint64_t{1} << 60)) return std::nullopt;
    value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
    digits = true;
  }
  for (; i < length; ++i) {
    if (field[i] != ' ' && field[i] != '\0') return std::nullopt;
  }
  if (!digits) return std::nullopt;
  return value;
}

bool ChecksumMatches(const char* header) {
  auto stored = ParseOctal(header + 148, 8);
  if (!stored) return false;
  std::uint64_t unsigned_sum = 0;
  std::int64_t signed_sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    char c = (i >= 148 && i < 156) ? ' ' : header[i];
    unsigned_sum += static_cast<unsigned char>(c);
    signed_sum += static_cast<signed char>(c);
  }
  return *stored == unsigned_sum || static_cast<std::int64_t>(*stored) == signed_sum;
}

// The "path" record of a PAX extended header ("<len> path=<value>\n" ...).
std::optional<std::string> PaxPath(std::string_view records) {
  while (!records.empty()) {
    auto space = records.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    std::size_t length = 0;
    for (char c : records.substr(0, space)) {
      if (c < '0' || c > '9') return std::nullopt;
      length = length * 10 + static_cast<std::size_t>(c - '0');
      if (length > records.size()) return std::nullopt;
    }
    if (length <= space + 1 || records[length - 1] != '\n') return std::nullopt;
    std::string_view record = records.substr(space + 1, length - space - 2);
    if (record.starts_with("path=")) return std::string(record.substr(5));
    records.remove_prefix(length);
  }
  return std::nullopt;
}

// Walks tar blocks as they are inflated. Feed() takes whole 512-byte blocks.
class TarWalker {
 public:
  explicit TarWalker(const ChartArchiveLimits& limits) : limits_(limits) {}

  Status Feed(const char* block) {
    if (ended_) {
      if (std::any_of(block, block + kBlock, [](char c) { return c != '\0'; })) {
        return Error::InvalidArgument("the chart archive has data after the tar end marker");
      }
      return Status::Ok();
    }
    if (remaining_ > 0) return Data(block);
    return Header(block);
  }

  Result<ChartArchiveContents> Finish() {
    if (remaining_ > 0) {
      return Error::InvalidArgument("the chart archive is truncated inside " + Shown(entry_name_));
    }
    if (!ended_ && zero_blocks_ == 0 && contents_.files == 0 && contents_.directory.empty()) {
      return Error::InvalidArgument("the chart archive is empty");
    }
    if (!have_chart_yaml_) {
      return Error::InvalidArgument(
          contents_.directory.empty()
              ? "the chart archive holds no chart: Chart.yaml is missing"
              : "Chart.yaml is missing: expected " + Shown(contents_.directory + "/Chart.yaml") +
                    " in the chart archive");
    }
    return std::move(contents_);
  }

 private:
  enum class Capture { kNone, kPax, kLongName, kChartYaml };

  Status Header(const char* block) {
    if (std::all_of(block, block + kBlock, [](char c) { return c == '\0'; })) {
      if (++zero_blocks_ == 2) ended_ = true;
      return Status::Ok();
    }
    if (zero_blocks_ > 0) {
      return Error::InvalidArgument("the chart archive has a stray empty block before an entry");
    }
    if (!ChecksumMatches(block)) {
      return Error::InvalidArgument("the chart archive is not a valid tar file (bad header "
                                    "checksum): package the chart with `helm package`");
    }
    auto size = ParseOctal(block + 124, 12);
    if (!size) return Error::InvalidArgument("the chart archive has an entry with an invalid size");
    char type = block[156];
    std::string name = FieldText(block, 100);
    if (std::string_view(block + 257, 6) == std::string_view("ustar\0", 6)) {
      std::string prefix = FieldText(block + 345, 155);
      if (!prefix.empty()) name = prefix + "/" + name;
    }
    if (next_name_) name = *std::exchange(next_name_, std::nullopt);
    entry_name_ = name;
    remaining_ = *size;
    capture_ = Capture::kNone;
    captured_.clear();

    switch (type) {
      case 'x':
      case 'L':
        if (*size > 64 * 1024) {
          return Error::InvalidArgument("the chart archive has an oversized extended header");
        }
        capture_ = type == 'x' ? Capture::kPax : Capture::kLongName;
        break;
      case 'g':
        break;
      case '0':
      case '\0':
      case '7':
        REGHUB_RETURN_IF_ERROR(RegularFile(name, *size));
        break;
      case '5': {
        auto checked = CheckPath(name, /*directory=*/true);
        if (!checked.ok()) return checked.error();
        break;
      }
      case '1':
      case '2':
      case 'K':
        return Error::InvalidArgument("the chart archive holds a link, " + Shown(name) +
                                      ": charts may hold only regular files and directories");
      default:
        return Error::InvalidArgument("the chart archive holds " + Shown(name) +
                                      ", which is not a regular file or directory (tar type '" +
                                      std::string(1, type >= 0x20 && type < 0x7f ? type : '?') +
                                      "')");
    }
    if (remaining_ == 0) return EndOfEntry();
    return Status::Ok();
  }

  Status RegularFile(const std::string& name, std::uint64_t size) {
    REGHUB_ASSIGN_OR_RETURN(std::string relative, CheckPath(name, /*directory=*/false));
    if (size > limits_.max_file_bytes) {
      return Error::PayloadTooLarge("the file " + Shown(name) + " in the chart archive is " +
                                    std::to_string(size) + " bytes; a chart file may be at most " +
                                    MiB(limits_.max_file_bytes));
    }
    ++contents_.files;
    if (relative == "Chart.yaml") {
      if (have_chart_yaml_) {
        return Error::InvalidArgument("the chart archive holds Chart.yaml twice");
      }
      have_chart_yaml_ = true;
      capture_ = Capture::kChartYaml;
    }
    return Status::Ok();
  }

  // Checks an entry's path; returns it relative to the chart's directory.
  Result<std::string> CheckPath(std::string name, bool directory) {
    while (name.starts_with("./")) name.erase(0, 2);
    while (!name.empty() && name.back() == '/') name.pop_back();
    if (name.empty()) return std::string();
    if (name.front() == '/' || name.find('\\') != std::string::npos ||
        (name.size() > 1 && name[1] == ':')) {
      return Error::InvalidArgument("the chart archive holds an absolute path, " + Shown(name));
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= name.size()) {
      auto slash = name.find('/', start);
      std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (part == "..") {
        return Error::InvalidArgument("the chart archive holds a path that leaves the chart, " +
                                      Shown(name));
      }
      if (!part.empty() && part != ".") parts.push_back(part);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    if (parts.empty()) return std::string();
    if (parts.size() == 1 && !directory) {
      return Error::InvalidArgument("the chart archive holds " + Shown(name) +
                                    " outside a chart directory: Chart.yaml and the other files "
                                    "must be under <chart-name>/, as `helm package` writes them");
    }
    if (contents_.directory.empty()) {
      contents_.directory = parts[0];
    } else if (parts[0] != contents_.directory) {
      return Error::InvalidArgument("the chart archive holds more than one top-level directory (" +
                                    Shown(contents_.directory) + " and " + Shown(parts[0]) +
                                    "): a packaged chart has exactly one");
    }
    std::string relative;
    for (std::size_t i = 1; i < parts.size(); ++i) relative += (i > 1 ? "/" : "") + parts[i];
    return relative;
  }

  Status Data(const char* block) {
    std::size_t used = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, kBlock));
    if (capture_ != Capture::kNone) captured_.append(block, used);
    remaining_ -= used;
    if (remaining_ == 0) return EndOfEntry();
    return Status::Ok();
  }

  Status EndOfEntry() {
    switch (capture_) {
      case Capture::kPax:
        if (auto path = PaxPath(captured_)) next_name_ = *path;
        break;
      case Capture::kLongName:
        next_name_ = FieldText(captured_.data(), captured_.size());
        break;
      case Capture::kChartYaml:
        contents_.chart_yaml = std::move(captured_);
        break;
      case Capture::kNone:
        break;
    }
    capture_ = Capture::kNone;
    captured_.clear();
    return Status::Ok();
  }

  const ChartArchiveLimits& limits_;
  ChartArchiveContents contents_;
  bool have_chart_yaml_ = false;
  bool ended_ = false;
  int zero_blocks_ = 0;
  std::uint64_t remaining_ = 0;
  std::string entry_name_;
  std::optional<std::string> next_name_;
  Capture capture_ = Capture::kNone;
  std::string captured_;
};

struct InflateStream {
  z_stream stream{};
  bool initialised = false;
  ~InflateStream() {
    if (initialised) inflateEnd(&stream);
  }
};

}  // namespace

Result<ChartArchiveContents> ReadChartArchive(std::string_view archive,
                                              const ChartArchiveLimits& limits) {
  if (archive.empty()) return Error::InvalidArgument("the chart archive is empty");
  if (archive.size() > limits.max_archive_bytes) {
    return Error::PayloadTooLarge("the chart archive is " + std::to_string(archive.size()) +
                                  " bytes; a packaged chart may be at most " +
                                  MiB(limits.max_archive_bytes));
  }
  if (archive.size() < 2 || static_cast<unsigned char>(archive[0]) != 0x1f ||
      static_cast<unsigned char>(archive[1]) != 0x8b) {
    return Error::InvalidArgument(
        "the chart archive is not gzip-compressed: upload the .tgz that `helm package` makes");
  }
  InflateStream inflater;
  if (inflateInit2(&inflater.stream, 16 + MAX_WBITS) != Z_OK) {
    return Error::Internal("cannot start gzip decompression");
  }
  inflater.initialised = true;
  inflater.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(archive.data()));
  inflater.stream.avail_in = static_cast<uInt>(archive.size());

  TarWalker walker(limits);
  std::array<char, 64 * 1024> chunk{};
  std::string pending;
  std::size_t total = 0;
  int code = Z_OK;
  while (code != Z_STREAM_END) {
    inflater.stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    inflater.stream.avail_out = static_cast<uInt>(chunk.size());
    code = inflate(&inflater.stream, Z_NO_FLUSH);
    if (code != Z_OK && code != Z_STREAM_END) {
      if (code == Z_BUF_ERROR && inflater.stream.avail_in == 0) {
        return Error::InvalidArgument("the chart archive is truncated (the gzip stream ends early)");
      }
      return Error::InvalidArgument("the chart archive is corrupt (gzip: " +
                                    std::string(inflater.stream.msg ? inflater.stream.msg
                                                                    : "invalid data") +
                                    ")");
    }
    std::size_t produced = chunk.size() - inflater.stream.avail_out;
    total += produced;
    if (total > limits.max_decompressed_bytes) {
      return Error::PayloadTooLarge("the chart archive expands to more than " +
                                    MiB(limits.max_decompressed_bytes) +
                                    ", the most a chart may hold");
    }
    pending.append(chunk.data(), produced);
    std::size_t offset = 0;
    for (; offset + kBlock <= pending.size(); offset += kBlock) {
      REGHUB_RETURN_IF_ERROR(walker.Feed(pending.data() + offset));
    }
    pending.erase(0, offset);
    if (code == Z_OK && produced == 0 && inflater.stream.avail_in == 0) {
      return Error::InvalidArgument("the chart archive is truncated (the gzip stream ends early)");
    }
  }
  if (inflater.stream.avail_in != 0) {
    return Error::InvalidArgument("the chart archive has data after the end of its gzip stream");
  }
  if (!pending.empty()) {
    return Error::InvalidArgument("the chart archive is not a whole tar file (" +
                                  std::to_string(pending.size()) + " stray bytes at the end)");
  }
  return walker.Finish();
}

}  // namespace reghub::service
