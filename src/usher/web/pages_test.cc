#include "usher/web/pages.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/temp_dir.h"

namespace usher::web {
namespace {

namespace fs = std::filesystem;

class PagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "web" / "pages");
    Write("layout.html", "<main>{{{content}}}</main>{{> _foot}}");
    Write("list.html",
          "<h1>{{h1}}</h1>\n{{> _notice}}<ul>{{#rows}}<li>{{> _item}}</li>{{/rows}}</ul>");
    Write("_notice.html", "{{#notice}}<p role=\"status\">{{notice}}</p>\n{{/notice}}");
    Write("_item.html", "{{name}}");
    Write("_foot.html", "<footer>{{lang}}</footer>");
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "web" / "pages" / name) << text;
  }

  usher::testing::TempDir tmp_{"pages"};
  fs::path dir_ = tmp_.path();
};

TEST_F(PagesTest, PartialsRenderWithThePageModel) {
  auto pages = Pages::Load(dir_.string());
  ASSERT_TRUE(pages);
  const nlohmann::json model = {
      {"h1", "Stores"},
      {"notice", "Saved <ok>"},
      {"lang", "en"},
      {"rows", nlohmann::json::array({{{"name", "A&B"}}, {{"name", "C"}}})}};
  EXPECT_EQ((*pages)->Fragment("list", model),
            "<h1>Stores</h1>\n<p role=\"status\">Saved "
            "&lt;ok&gt;</p>\n<ul><li>A&amp;B</li><li>C</li></ul>");
  EXPECT_EQ((*pages)->Fragment("list", {{"h1", "Stores"}}), "<h1>Stores</h1>\n<ul></ul>");
  EXPECT_EQ((*pages)->Render(200, "list", model).body,
            "<main><h1>Stores</h1>\n<p role=\"status\">Saved &lt;ok&gt;</p>\n"
            "<ul><li>A&amp;B</li><li>C</li></ul></main><footer>en</footer>");
}

TEST_F(PagesTest, APartialIsNoPage) {
  auto pages = Pages::Load(dir_.string());
  ASSERT_TRUE(pages);
  EXPECT_EQ((*pages)->Fragment("_item", {{"name", "A"}}), "");
}

}  // namespace
}  // namespace usher::web
