#pragma once
// A fresh directory per test, removed afterwards.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace metacf::testing {

class TempDir {
 public:
  // Named after the running test; outside a test (suite set-up) pass a name.
  explicit TempDir(const std::string& name = "") {
    std::string stem = name;
    if (stem.empty()) {
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      stem = std::string(info->test_suite_name()) + "_" + info->name();
    }
    path_ = std::filesystem::temp_directory_path() /
            ("metacf_" + stem + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(file(name), std::ios::binary) << content;
    return file(name);
  }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace metacf::testing
