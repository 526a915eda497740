// A normal submission: reads numbers, prints their sum.
#include <iostream>

int main() {
  double sum = 0, x = 0;
  while (std::cin >> x) sum += x;
  std::cout << "sum " << sum << "\n";
}
