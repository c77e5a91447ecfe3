#include <array>
#include <string_view>

#include "core/data/sample_generator.h"
#include "core/util/rng.h"

namespace metacf {

namespace {
constexpr std::array<std::string_view, 32> kAdjectives{
    "Silent", "Last",    "Crimson", "Hidden", "Broken",   "Golden",   "Distant",  "Frozen",
    "Wild",   "Burning", "Quiet",   "Lost",   "Electric", "Midnight", "Hollow",   "Savage",
    "Gentle", "Iron",    "Velvet",  "Shadow", "Restless", "Bitter",   "Northern", "Final",
    "Secret", "Eternal", "Little",  "Dark",   "Bright",   "Strange",  "Lonely",   "Über"};
constexpr std::array<std::string_view, 32> kNouns{
    "Harbour", "River",   "Summer",  "Garden",    "Station",  "Kingdom", "Promise", "Storm",
    "Mirror",  "Highway", "Orchard", "Letter",    "Frontier", "Circus",  "Island",  "Witness",
    "Voyage",  "Empire",  "Melody",  "Detective", "Winter",   "Canyon",  "Heart",   "Machine",
    "Season",  "Bridge",  "Dream",   "Horizon",   "Stranger", "Café",    "Fiesta",  "Legend"};
constexpr std::array<std::string_view, 16> kNames{
    "Anna",   "Marco",  "Clara", "Victor", "Elena",  "Oscar", "Lucía", "Henri",
    "Amélie", "Jürgen", "Iñigo", "Zoë",    "Walter", "Rosa",  "Felix", "Nora"};

template <std::size_t N>
std::string_view pick(Rng& rng, const std::array<std::string_view, N>& words) {
  return words[rng.uniform_index(N)];
}

// Patterns 0..2 carry a comma, double quotes and an accented name: the first three titles use
// them so even a tiny sample exercises quoting and UTF-8.
std::string make_title(Rng& rng, int pattern) {
  const std::string year = " (" + std::to_string(rng.uniform_int(1931, 2019)) + ")";
  std::string t;
  switch (pattern) {
    case 0:
      t.append(pick(rng, kAdjectives)).append(" ").append(pick(rng, kNouns)).append(", The");
      break;
    case 1:
      t.append("The \"").append(pick(rng, kAdjectives)).append("\" ").append(pick(rng, kNouns));
      break;
    case 2:
      t.append(kNames[8 + rng.uniform_index(4)]).append("'s ").append(pick(rng, kNouns));
      break;
    case 3:
      t.append("The ").append(pick(rng, kAdjectives)).append(" ").append(pick(rng, kNouns));
      break;
    case 4:
      t.append(pick(rng, kNouns)).append(" of the ").append(pick(rng, kNouns));
      break;
    case 5:
      t.append(pick(rng, kNames)).append("'s ").append(pick(rng, kNouns));
      break;
    default:
      t.append(pick(rng, kAdjectives)).append(" ").append(pick(rng, kNouns));
      break;
  }
  return t + year;
}
}  // namespace

std::vector<std::string> make_sample_titles(std::int32_t count, std::uint64_t seed) {
  Rng rng = Rng(seed).fork(0x7171e5);
  std::vector<std::string> titles;
  titles.reserve(static_cast<std::size_t>(std::max(count, 0)));
  for (std::int32_t i = 0; i < count; ++i) {
    // Mostly plain titles; about one in ten has a comma, one in forty quotes.
    int pattern = static_cast<int>(i);
    if (i >= 3) {
      const auto r = rng.uniform_index(40);
      pattern = r == 0 ? 1 : r < 5 ? 0 : r < 8 ? 2 : 3 + static_cast<int>(rng.uniform_index(4));
    }
    titles.push_back(make_title(rng, pattern));
  }
  return titles;
}

}  // namespace metacf
