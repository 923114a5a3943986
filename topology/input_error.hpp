#pragma once
#include <stdexcept>
#include <string>

namespace podsim {

/**
 * @brief Bad user input: names the file, the line (1-based, 0 when unknown) and the field path.
 *
 * what() reads "file:line: field: message", like a compiler diagnostic, so editors can jump to it.
 */
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, std::string field, const std::string& message)
      : std::runtime_error(format(file, line, field, message)),
        file_(std::move(file)),
        field_(std::move(field)),
        line_(line) {}
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& field() const noexcept { return field_; }
  [[nodiscard]] int line() const noexcept { return line_; }

 private:
  static std::string format(const std::string& file, int line, const std::string& field, const std::string& msg) {
    std::string out;
    out.append(file);
    if (line > 0) out.append(":").append(std::to_string(line));
    out.append(": ");
    if (!field.empty()) out.append(field).append(": ");
    out.append(msg);
    return out;
  }
  std::string file_;
  std::string field_;
  int line_;
};

}  // namespace podsim
