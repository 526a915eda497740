#pragma once
// `nnwb-exercise scorm`: an exercise's practice page as a SCORM 1.2 package for an LMS (Moodle,
// Canvas, Blackboard), issue 12. The page (docs/live/exercise.html, with scorm.js) takes the
// variant from the learner's id in the LMS and reports each Check's score and status to it.
#include <filesystem>

#include "nnwb/exercise.hpp"

namespace nnwb::scorm {

/// Writes into `dir` the package's files, copied from the live site `site` (build/site): the
/// exercise's page, the module nnwb.js, the pages' scripts and style, marked and KaTeX; then
/// imsmanifest.xml naming them all; then `<exercise>.scorm.zip`, the same files at its root, which
/// is what an LMS uploads. Throws std::runtime_error naming what is missing or cannot be written.
/// Returns the zip's path.
std::filesystem::path build_package(const Exercise& exercise, const std::filesystem::path& site,
                                    const std::filesystem::path& dir);

}  // namespace nnwb::scorm
