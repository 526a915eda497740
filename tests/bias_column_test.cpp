// BMB's bias-first-column matrices (lib/bias_column.hpp): the conversions to and from the library's
// W, b, and that the two forms compute the same layer and the same gradients.
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "nnwb/bias_column.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(bias_column)

BOOST_AUTO_TEST_CASE(bias_unit_goes_in_front) {
  const Eigen::VectorXd a = nnwb::with_bias_unit(Eigen::Vector2d(0.5, -2));
  BOOST_TEST((a == Eigen::Vector3d(1, 0.5, -2)));
  Eigen::MatrixXd A(2, 3);
  A << 1, 2, 3, 4, 5, 6;
  Eigen::MatrixXd expected(3, 3);
  expected << 1, 1, 1, 1, 2, 3, 4, 5, 6;
  BOOST_TEST((nnwb::with_bias_row(A) == expected));
}

BOOST_AUTO_TEST_CASE(bmb_xnor_hidden_layer_as_in_the_doc_example) {
  Eigen::MatrixXd W1(2, 3);
  W1 << -0.3, 0.2, 0.2, 0.2, -0.2, -0.2;
  const nnwb::DenseLayer layer = nnwb::dense_from_bias_column(W1, nnwb::Activation::step());
  BOOST_TEST((layer.bias == Eigen::Vector2d(-0.3, 0.2)));
  BOOST_TEST(layer.weights(1, 0) == -0.2);
  BOOST_TEST((nnwb::bias_column_weights(layer) == W1));  // round trip
  BOOST_TEST((nnwb::without_bias_column(W1) == layer.weights));
}

BOOST_AUTO_TEST_CASE(both_forms_compute_the_same_layer_and_gradient) {
  nnwb::Rng rng(7);
  const Eigen::MatrixXd W = rng.uniform(3, 5, -1, 1);  // (o, s+1) = (3, 5)
  const Eigen::VectorXd a = rng.uniform(4, 1, -1, 1).col(0);
  const nnwb::DenseLayer layer = nnwb::dense_from_bias_column(W, nnwb::Activation::tanh());
  // z = W_BMB [1; a] = W a + b
  const Eigen::VectorXd z_bmb = W * nnwb::with_bias_unit(a), z_lib = layer.weights * a + layer.bias;
  BOOST_TEST((z_bmb - z_lib).cwiseAbs().maxCoeff() <= 1e-15);
  // ∂J/∂W_BMB = δ [1; a]ᵀ = [δ | δ aᵀ] = [∂J/∂b | ∂J/∂W]
  const Eigen::VectorXd delta = rng.uniform(3, 1, -1, 1).col(0);
  const Eigen::MatrixXd g = nnwb::bias_column_gradient(delta * a.transpose(), delta);
  BOOST_TEST((g - delta * nnwb::with_bias_unit(a).transpose()).cwiseAbs().maxCoeff() <= 1e-15);
}

BOOST_AUTO_TEST_CASE(shapes_that_do_not_fit_throw) {
  BOOST_CHECK_THROW(nnwb::dense_from_bias_column(Eigen::MatrixXd(2, 0), nnwb::Activation::step()),
                    std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::bias_column_gradient(Eigen::MatrixXd::Zero(2, 2), Eigen::VectorXd::Zero(3)),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
