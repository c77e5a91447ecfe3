#pragma once
// The one exception the experiment store throws: which file, and what went wrong with it.
#include <stdexcept>
#include <string>

namespace metacf {

class StoreError : public std::runtime_error {
 public:
  // Lets the UI offer the right remedy (free disk space, pick another file, retry later).
  enum class Kind {
    kCannotOpen,
    kNotADatabase,
    kCorrupt,
    kReadOnly,
    kBusy,
    kDiskFull,
    kIo,
    kSchema,
    kNotFound,
    kInvalid,
    kOther
  };

  StoreError(Kind kind, std::string path, std::string reason)
      : std::runtime_error(path + ": " + reason),
        kind_(kind),
        path_(std::move(path)),
        reason_(std::move(reason)) {}

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  Kind kind_;
  std::string path_;
  std::string reason_;
};

}  // namespace metacf
