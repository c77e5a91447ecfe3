#include "core/util/physical_memory.h"

#include <unistd.h>

namespace metacf {

std::int64_t physical_memory_mib() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<std::int64_t>(pages) * page_size / (std::int64_t{1} << 20);
}

}  // namespace metacf
