// A published split (pretrain.rating, train.rating, test.rating): load_presplit succeeds or
// throws the std::runtime_error that names file and line. The input is cut into the three files
// at its first two form feeds.
#include <sys/stat.h>

#include <stdexcept>

#include "core/split/presplit.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string dir = [] {
    const std::string d = metacf::fuzz::temp_path("-presplit");
    ::mkdir(d.c_str(), 0700);
    return d;
  }();
  std::string_view rest = metacf::fuzz::as_text(data, size);
  for (const char* name : {"/pretrain.rating", "/train.rating", "/test.rating"}) {
    const auto cut = rest.find('\f');
    metacf::fuzz::write_file(dir + name, rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
  }
  metacf::Dataset dataset;
  try {
    const metacf::Split split = metacf::load_presplit(dir, dataset);
    for (const auto& tasks : {split.meta_train, split.meta_test}) {
      for (const auto& task : tasks) {
        if (task.user < 0 || task.user >= dataset.num_users()) __builtin_trap();
      }
    }
  } catch (const std::runtime_error&) {
  }
  return 0;
}
