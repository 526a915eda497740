// Chapter 14, linear_regression (chapters/linear_regression.cpp): the slide's printed row; least
// squares against the normal equations solved here another way (Gauss–Jordan elimination written
// out); gradient descent replayed entry by entry and reaching the least-squares W; SSE and SAE by
// hand; the gradient claims; several seeds.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(linear_regression)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using nnwb::ChapterOptions;

using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

// Solves A W = B by Gauss–Jordan elimination with partial pivoting, written out.
MatrixXd gauss_jordan(MatrixXd a, MatrixXd b) {
  const Eigen::Index n = a.rows();
  for (Eigen::Index c = 0; c < n; ++c) {
    Eigen::Index pivot = c;
    for (Eigen::Index r = c + 1; r < n; ++r)
      if (std::abs(a(r, c)) > std::abs(a(pivot, c))) pivot = r;
    a.row(c).swap(a.row(pivot));
    b.row(c).swap(b.row(pivot));
    for (Eigen::Index r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a(r, c) / a(c, c);
      a.row(r) -= f * a.row(c);
      b.row(r) -= f * b.row(c);
    }
  }
  for (Eigen::Index r = 0; r < n; ++r) b.row(r) /= a(r, r);
  return b;
}

// X with the bias column x_p0 = 1 first (CTU's convention).
MatrixXd design(const MatrixXd& inputs) {
  MatrixXd x(inputs.rows(), inputs.cols() + 1);
  for (Eigen::Index p = 0; p < inputs.rows(); ++p) {
    x(p, 0) = 1;
    for (Eigen::Index i = 0; i < inputs.cols(); ++i) x(p, i + 1) = inputs(p, i);
  }
  return x;
}

double sse_by_hand(const MatrixXd& x, const MatrixXd& w, const MatrixXd& d) {
  const MatrixXd r = d - x * w;
  double e = 0;
  for (Eigen::Index p = 0; p < r.rows(); ++p)
    for (Eigen::Index j = 0; j < r.cols(); ++j) e += 0.5 * r(p, j) * r(p, j);  // ½ Σ (d − y)²
  return e;
}

double sae_by_hand(const MatrixXd& x, const MatrixXd& w, const MatrixXd& d) {
  const MatrixXd r = d - x * w;
  double e = 0;
  for (Eigen::Index p = 0; p < r.rows(); ++p)
    for (Eigen::Index j = 0; j < r.cols(); ++j) e += std::abs(r(p, j));  // Σ |d − y|
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reproduces_the_slides_row) {
  // 002_ddd62baf13f113f4.txt, "Multidimensional Linear Regression": the table's one printed row,
  // Atm.Pressure −1.3, Wind Intensity −0.5, Temperature −0.2, Precipitation Risk 0.9.
  const nnwb::Trace t = nnwb::chapters::linear_regression(ChapterOptions{});
  const Eigen::VectorXd& row = vec(t, "data.sample1");
  BOOST_TEST(row.size() == 4);
  BOOST_TEST(row[0] == -1.3);
  BOOST_TEST(row[1] == -0.5);
  BOOST_TEST(row[2] == -0.2);
  BOOST_TEST(row[3] == 0.9);
  BOOST_TEST(t.step_at("data.sample1").slide == "-1.3, -0.5, -0.2, 0.9");
  for (const auto& step : t.steps())
    if (step.id != "data.sample1") BOOST_TEST(step.slide.empty(), step.id);  // no other number is printed
  BOOST_TEST(mat(t, "inputs").rows() == 7);
  BOOST_TEST(mat(t, "d").cols() == 1);
  BOOST_TEST(scalar(t, "alpha") == 0.1);
  BOOST_TEST(mat(t, "w_start").isZero(0.0));
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
  // Variants draw no slide numbers.
  const nnwb::Trace drawn = nnwb::chapters::linear_regression(variant(3));  // kept alive for the loop
  for (const auto& step : drawn.steps()) BOOST_TEST(step.slide.empty());
}

BOOST_DATA_TEST_CASE(least_squares_solves_the_normal_equations, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::linear_regression(variant(k));
  const MatrixXd x = design(mat(t, "inputs"));
  const MatrixXd& d = mat(t, "d");
  BOOST_TEST((mat(t, "data.x") == x));
  const MatrixXd xtx = x.transpose() * x, xtd = x.transpose() * d;
  BOOST_TEST((mat(t, "ls.xtx") - xtx).norm() <= 1e-13);
  BOOST_TEST((mat(t, "ls.xtd") - xtd).norm() <= 1e-13);
  const MatrixXd w = gauss_jordan(xtx, xtd);  // XᵀXW = XᵀD, by elimination
  const MatrixXd& w_ls = mat(t, "ls.w");
  BOOST_TEST(w_ls.rows() == x.cols());
  BOOST_TEST(w_ls.cols() == d.cols());
  BOOST_TEST((w_ls - w).norm() <= 1e-10 * (1 + w.norm()));
  BOOST_TEST(scalar(t, "ls.sse") == sse_by_hand(x, w, d), boost::test_tools::tolerance(1e-10));
  BOOST_TEST(mat(t, "ls.grad").norm() <= 1e-12);
  for (const char* id : {"ls.normal", "ls.stationary"}) BOOST_TEST(verdict(t, id).holds, id);
}

BOOST_DATA_TEST_CASE(gradient_descent_replayed_reaches_least_squares, bdata::xrange(0, 9), k) {
  // CTU "General Batch Gradient Descent Algorithm" with f' = 1:
  // w_ij ← w_ij + α Σ_p (d_pj − y_pj) x_pi.
  const nnwb::Trace t = nnwb::chapters::linear_regression(variant(k));
  const MatrixXd x = design(mat(t, "inputs"));
  const MatrixXd& d = mat(t, "d");
  const double alpha = scalar(t, "alpha");
  MatrixXd w = mat(t, "w_start");
  BOOST_TEST(scalar(t, "gd.iter0.sse") == sse_by_hand(x, w, d), boost::test_tools::tolerance(1e-12));
  for (int step = 1; step <= 500; ++step) {
    const MatrixXd y = x * w;
    MatrixXd next = w;
    for (Eigen::Index i = 0; i < w.rows(); ++i)
      for (Eigen::Index j = 0; j < w.cols(); ++j)
        for (Eigen::Index p = 0; p < x.rows(); ++p) next(i, j) += alpha * (d(p, j) - y(p, j)) * x(p, i);
    w = next;
    if (step <= 3) {
      const std::string s = std::to_string(step);
      BOOST_TEST_CONTEXT("iteration " << step) {
        BOOST_TEST((mat(t, "gd.iter" + s + ".w") - w).norm() <= 1e-12);
        BOOST_TEST(scalar(t, "gd.iter" + s + ".sse") == sse_by_hand(x, w, d), boost::test_tools::tolerance(1e-12));
        BOOST_TEST(scalar(t, "gd.iter" + s + ".sse") < scalar(t, "gd.iter" + std::to_string(step - 1) + ".sse"));
      }
    }
  }
  BOOST_TEST((mat(t, "gd.final.w") - w).norm() <= 1e-12);
  const MatrixXd w_ls = gauss_jordan(x.transpose() * x, x.transpose() * d);
  BOOST_TEST((w - w_ls).norm() <= 1e-8 * (1 + w_ls.norm()));
  BOOST_TEST(scalar(t, "gd.distance") <= 1e-8 * (1 + w_ls.norm()));
  BOOST_TEST(scalar(t, "gd.contraction") < 1.0);
  BOOST_TEST(verdict(t, "gd.converged").holds);
}

BOOST_DATA_TEST_CASE(sse_versus_sae, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::linear_regression(variant(k));
  const MatrixXd x = design(mat(t, "inputs"));
  const MatrixXd& d = mat(t, "d");
  const MatrixXd& w = mat(t, "ls.w");
  BOOST_TEST(scalar(t, "fit.sae") == sae_by_hand(x, w, d), boost::test_tools::tolerance(1e-12));
  BOOST_TEST((mat(t, "fit.residual") - (d - x * w)).norm() <= 1e-13);
  BOOST_TEST(mat(t, "fit.residual").cwiseAbs().minCoeff() > 1e-3);  // away from SAE's kinks
  const MatrixXd& w2 = mat(t, "fit.w_sae");
  BOOST_TEST(sae_by_hand(x, w2, d) < sae_by_hand(x, w, d));
  BOOST_TEST(sse_by_hand(x, w2, d) > sse_by_hand(x, w, d));
  BOOST_TEST(verdict(t, "fit.tradeoff").holds);
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::linear_regression(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() == 5u);  // ls.grad, gd.iter0..2.grad, fit.sae_grad
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(variants_are_multidimensional_and_well_conditioned) {
  for (int k = 1; k <= 8; ++k) {
    const nnwb::Trace t = nnwb::chapters::linear_regression(variant(k));
    BOOST_TEST_CONTEXT("seed " << k) {
      BOOST_TEST(mat(t, "d").cols() == 2);
      BOOST_TEST(mat(t, "ls.w").rows() == 3);
      const Eigen::VectorXd& lambda = vec(t, "gd.curvatures");
      BOOST_TEST(lambda.minCoeff() > 0.0);
      BOOST_TEST(lambda.maxCoeff() / lambda.minCoeff() <= 10.0);
      BOOST_TEST(scalar(t, "alpha") * lambda.maxCoeff() < 1.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(follow_through_from_a_students_weights) {
  // A student's own W(1): the later iterations and the final W start from it, and still converge.
  nnwb::Trace t = nnwb::chapters::linear_regression(ChapterOptions{});
  MatrixXd w1(4, 1);
  w1 << 0.1, -0.2, 0.1, -0.1;
  t.recompute({{"gd.iter1.w", w1}});
  const MatrixXd x = mat(t, "data.x");
  const MatrixXd& d = mat(t, "d");
  BOOST_TEST(scalar(t, "gd.iter1.sse") == sse_by_hand(x, w1, d), boost::test_tools::tolerance(1e-12));
  const MatrixXd w2 = w1 + 0.1 * x.transpose() * (d - x * w1);
  BOOST_TEST((mat(t, "gd.iter2.w") - w2).norm() <= 1e-14);
  BOOST_TEST(verdict(t, "gd.converged").holds);
}

BOOST_AUTO_TEST_SUITE_END()
