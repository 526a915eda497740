// `nnwb-exercise scorm EXERCISE --output-dir DIR`: a SCORM 1.2 package of an exercise's practice page
// (scorm_package.hpp). The manifest follows the SCORM 1.2 Content Aggregation Model: one
// organization with one item, whose resource is a SCO (a page that talks to the LMS through the
// run-time API, docs/live/scorm.js) listing every file it loads.
#include "scorm_package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "nnwb/detail/run_program.hpp"
#include "nnwb/detail/safe_text.hpp"
#include "nnwb/gradebook.hpp"

namespace nnwb::scorm {
namespace fs = std::filesystem;
namespace {

// What the practice page loads, besides its own page (docs/live/exercise.html's <script>s and style).
const char* const page_files[] = {"nnwb.js",     "nnwb-live.css",     "variant-box.js", "scorm.js",
                                  "practice.js", "marked.umd.min.js", "math.js"};


// Every file under `dir`, as paths relative to it with '/' between folders, sorted.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), dir).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string manifest(const Exercise& exercise, const std::string& page, const std::vector<std::string>& files) {
  std::string listed;
  for (const std::string& file : files) listed += fmt::format("      <file href=\"{}\"/>\n", detail::markup_escaped(file));
  return fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by nnwb-exercise scorm: exercise {id} as a SCORM 1.2 package. -->
<manifest identifier="nnwb.{id}" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="nnwb">
    <organization identifier="nnwb">
      <title>{title}</title>
      <item identifier="item.{id}" identifierref="resource.{id}">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="resource.{id}" type="webcontent" adlcp:scormtype="sco" href="{page}">
{files}    </resource>
  </resources>
</manifest>
)",
                     fmt::arg("id", detail::markup_escaped(exercise.id())), fmt::arg("title", detail::markup_escaped(exercise.title())),
                     fmt::arg("page", detail::markup_escaped(page)), fmt::arg("files", listed));
}

}  // namespace

fs::path build_package(const Exercise& exercise, const fs::path& site, const fs::path& dir) {
  const std::string page = fmt::format("exercise_{}.html", exercise.id());
  if (!fs::exists(site / page))
    throw std::runtime_error(fmt::format("the live site has no page {} in '{}': build the site first "
                                         "(cmake --build build), or give its folder with --site",
                                         page, site.string()));
  fs::create_directories(dir);
  std::error_code error;
  fs::remove_all(dir / "katex", error);
  fs::copy_file(site / page, dir / page, fs::copy_options::overwrite_existing);
  for (const char* file : page_files) fs::copy_file(site / file, dir / file, fs::copy_options::overwrite_existing);
  fs::copy(site / "katex", dir / "katex", fs::copy_options::recursive);

  std::vector<std::string> files = files_under(dir);
  const std::string zip_name = fmt::format("{}.scorm.zip", exercise.id());
  files.erase(std::remove_if(files.begin(), files.end(),
                             [&](const std::string& f) { return f == zip_name || f == "imsmanifest.xml"; }),
              files.end());
  write_file_atomically(dir / "imsmanifest.xml", manifest(exercise, page, files));

  // The zip, the files at its root as an LMS expects them: cmake writes zips, run in the folder by
  // `cmake -E chdir` (no shell, so that no folder name is read as a command).
  const fs::path zip = dir / zip_name;
  fs::remove(zip);
  std::vector<std::string> command{"cmake", "-E", "chdir", dir.string(), "cmake", "-E", "tar", "cf", zip_name,
                                   "--format=zip", "imsmanifest.xml", page, "katex"};
  command.insert(command.end(), std::begin(page_files), std::end(page_files));
  if (const auto done = detail::run_program(command, ""); !done.started || done.exit_code != 0)
    throw std::runtime_error(fmt::format("cannot write '{}': {}", zip.string(), done.error));
  return zip;
}

}  // namespace nnwb::scorm
