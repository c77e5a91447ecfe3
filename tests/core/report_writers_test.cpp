// Each table writer's output reads back to the same cells, with the format's special
// characters escaped.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/report/table.h"
#include "tests/csv_reader.h"

namespace metacf {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows parse_csv(const std::string& text) {
  std::string problem;
  Rows rows = testing::read_csv(text, &problem);
  EXPECT_EQ(problem, "");
  return rows;
}

Table awkward_table() {
  Table t;
  t.caption = "Table 2: HR@10 & NDCG@10 (50% users)";
  t.columns = {"learner", "title", "HR@10"};
  t.rows = {
      {"metacf", "Am\u00e9lie, \"Le fabuleux destin\"", Cell::of(0.3124, 4, Emphasis::kBold)},
      {"bpr", "line one\nline two", Cell::of(-0.012, 3, Emphasis::kUnderline)},
      {"pop", "a|b\\c", ""},
  };
  return t;
}

TEST(CsvWriterTest, ReparsesToTheSameCells) {
  const Table t = awkward_table();
  const Rows rows = parse_csv(write_csv(t));
  ASSERT_EQ(rows.size(), 1 + t.rows.size());
  EXPECT_EQ(rows[0], t.columns);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    ASSERT_EQ(rows[r + 1].size(), t.columns.size());
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      EXPECT_EQ(rows[r + 1][c], t.rows[r][c].text) << "row " << r << " column " << c;
    }
  }
}

TEST(CsvWriterTest, FormulaCellsAreNeutralisedNumbersAreNot) {
  Table t;
  t.columns = {"cell"};
  const std::vector<std::string> dangerous = {
      "=SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1", "-inf"};
  const std::vector<std::string> numbers = {"-0.012", "+3", "1e-5", "-2.5E+3", "0", ".5"};
  for (const auto& s : dangerous) t.rows.push_back({s});
  for (const auto& s : numbers) t.rows.push_back({s});
  const Rows rows = parse_csv(write_csv(t));
  ASSERT_EQ(rows.size(), 1 + dangerous.size() + numbers.size());
  for (std::size_t i = 0; i < dangerous.size(); ++i) {
    EXPECT_EQ(rows[1 + i][0], "'" + dangerous[i]);
  }
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    EXPECT_EQ(rows[1 + dangerous.size() + i][0], numbers[i]);
  }
}

TEST(PlainNumberTest, AcceptsDecimalsOnly) {
  for (const char* yes : {"0", "-0.012", "+3", "1.", ".5", "1e9", "-2.5E-3"}) {
    EXPECT_TRUE(is_plain_number(yes)) << yes;
  }
  for (const char* no :
       {"", "-", ".", "e5", "1e", "1e+", "1,5", " 1", "1 ", "0x10", "-inf", "nan", "1-2", "--1"}) {
    EXPECT_FALSE(is_plain_number(no)) << no;
  }
}

TEST(LatexWriterTest, EscapesSpecialCharactersAndMarksBest) {
  Table t;
  t.caption = "50% of users_";
  t.columns = {"name", "value"};
  t.rows = {{"a & b % c _ d # e $ f", Cell::of(0.5, 2, Emphasis::kBold)},
            {"{x} ~y ^z \\w", Cell::of(0.25, 2, Emphasis::kUnderline)}};
  const std::string tex = write_latex(t);
  EXPECT_NE(tex.find("a \\& b \\% c \\_ d \\# e \\$ f & \\textbf{0.50} \\\\"), std::string::npos)
      << tex;
  EXPECT_NE(tex.find("\\{x\\} \\textasciitilde{}y \\textasciicircum{}z \\textbackslash{}w & "
                     "\\underline{0.25} \\\\"),
            std::string::npos)
      << tex;
  EXPECT_NE(tex.find("\\caption{50\\% of users\\_}"), std::string::npos) << tex;
  Table sizes;
  sizes.columns = {"|S|=2", "a<b>c"};
  const std::string sized = write_latex(sizes);
  EXPECT_NE(sized.find("\\textbar{}S\\textbar{}=2 & a\\textless{}b\\textgreater{}c"),
            std::string::npos)
      << sized;
  EXPECT_NE(tex.find("\\begin{tabular}{lr}"), std::string::npos) << tex;  // numbers right
  const auto top = tex.find("\\toprule"), mid = tex.find("\\midrule"),
             bottom = tex.find("\\bottomrule");
  ASSERT_NE(top, std::string::npos);
  EXPECT_LT(top, mid);
  EXPECT_LT(mid, bottom);
}

TEST(MarkdownWriterTest, PipesBackslashesAndNewlinesCannotBreakTheTable) {
  const Table t = awkward_table();
  const std::string md = write_markdown(t);
  EXPECT_NE(md.find("a\\|b\\\\c"), std::string::npos) << md;
  EXPECT_NE(md.find("line one line two"), std::string::npos) << md;
  EXPECT_NE(md.find("**0.3124**"), std::string::npos) << md;
  EXPECT_NE(md.find("<u>-0.012</u>"), std::string::npos) << md;
  // Caption, blank line, header, rule, one line per row; every table line has
  // columns + 1 unescaped pipes.
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; start < md.size(); start = end + 1) {
    end = md.find('\n', start);
    lines.push_back(md.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 2 + 2 + t.rows.size());
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[3], "| --- | --- | ---: |");
  for (std::size_t i = 2; i < lines.size(); ++i) {
    std::size_t pipes = 0;
    for (std::size_t k = 0; k < lines[i].size(); ++k) {
      if (lines[i][k] == '\\') {
        ++k;  // skip the escaped character
      } else if (lines[i][k] == '|') {
        ++pipes;
      }
    }
    EXPECT_EQ(pipes, t.columns.size() + 1) << lines[i];
  }
}

TEST(MarkdownWriterTest, DataCannotBecomeHtmlOrALink) {
  Table t;
  t.caption = "runs of <b>label</b>";
  t.columns = {"learner<script>", "title"};
  t.rows = {
      {"<script>alert(1)</script>", "[click](javascript:alert(1))"},
      {"<img src=x onerror=alert(1)>", "![x](https://evil.example/x.png)"},
      {"<javascript:alert(1)>", "&lt;script&gt; &#106;"},
      {"https://evil.example", "www.evil.example WWW.Evil.example"},
      {"mailto:a@b.org", "a@b.org"},
  };
  const std::string md = write_markdown(t);
  for (const std::string expected :
       {"runs of &lt;b&gt;label&lt;/b&gt;", "| learner&lt;script&gt; |",
        "&lt;script&gt;alert(1)&lt;/script&gt;", "\\[click\\](javascript\\:alert(1))",
        "&lt;img src=x onerror=alert(1)&gt;", "!\\[x\\](https\\://evil.example/x.png)",
        "&lt;javascript\\:alert(1)&gt;", "&amp;lt;script&amp;gt; &amp;#106;",
        "https\\://evil.example", "www\\.evil.example WWW\\.Evil.example", "mailto\\:a\\@b.org",
        "a\\@b.org"}) {
    EXPECT_NE(md.find(expected), std::string::npos) << expected << "\n" << md;
  }
  // No tag, link bracket or URL scheme is left unescaped.
  EXPECT_EQ(md.find('<'), std::string::npos) << md;
  EXPECT_EQ(md.find('>'), std::string::npos) << md;
  for (std::size_t k = 0; k < md.size(); ++k) {
    if (md[k] == '\\') {
      ++k;
    } else {
      EXPECT_TRUE(md[k] != '[' && md[k] != ']' && md[k] != ':' && md[k] != '@') << k << "\n" << md;
    }
  }
}

TEST(MarkdownWriterTest, NumbersAndPlainWordsStayReadable) {
  Table t;
  t.columns = {"learner", "HR", "K"};
  t.rows = {{"metacf (seed 1)", Cell::of(0.3124, 4, Emphasis::kBold), Cell::integer(5)}};
  EXPECT_EQ(write_markdown(t),
            "| learner | HR | K |\n| --- | ---: | ---: |\n| metacf (seed 1) | **0.3124** | 5 |\n");
}

TEST(JsonWriterTest, ParsesBackToTheSameCells) {
  Table t = awkward_table();
  t.columns[1] = "learner";  // a repeated column name must not lose a cell
  const auto j = nlohmann::json::parse(write_json(t));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    ASSERT_EQ(j[r].size(), 3u);
    EXPECT_EQ(j[r]["learner"], t.rows[r][0].text);
    EXPECT_EQ(j[r]["learner (2)"], t.rows[r][1].text);
  }
  EXPECT_EQ(j[0]["HR@10"].get<double>(), 0.3124);  // a number, not its text
  EXPECT_EQ(j[1]["HR@10"].get<double>(), -0.012);
  EXPECT_TRUE(j[2]["HR@10"].is_null());  // an empty cell is a missing value, not ""
  // Keys come in the order of the columns, as the CSV has them.
  const auto ordered = nlohmann::ordered_json::parse(write_json(t));
  std::vector<std::string> keys;
  for (const auto& item : ordered[0].items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"learner", "learner (2)", "HR@10"}));
}

TEST(TableFormatTest, ParsesNamesAndRejectsOthers) {
  EXPECT_EQ(parse_table_format("csv"), TableFormat::kCsv);
  EXPECT_EQ(parse_table_format("md"), TableFormat::kMarkdown);
  EXPECT_EQ(parse_table_format("markdown"), TableFormat::kMarkdown);
  EXPECT_EQ(parse_table_format("tex"), TableFormat::kLatex);
  EXPECT_EQ(parse_table_format("json"), TableFormat::kJson);
  EXPECT_EQ(file_extension(TableFormat::kLatex), "tex");
  try {
    (void)parse_table_format("xlsx");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'xlsx'"), std::string::npos);
  }
}

TEST(TableFormatTest, RaggedRowIsRefusedWithItsNumber) {
  Table t;
  t.caption = "K sweep";
  t.columns = {"K", "HR@10"};
  t.rows = {{"1", "0.2"}, {"2"}};
  for (auto format :
       {TableFormat::kCsv, TableFormat::kMarkdown, TableFormat::kLatex, TableFormat::kJson}) {
    try {
      (void)write_table(t, format);
      FAIL();
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
    }
  }
  t.rows.pop_back();
  EXPECT_EQ(write_table(t, TableFormat::kCsv), "K,HR@10\r\n1,0.2\r\n");
}

}  // namespace
}  // namespace metacf
