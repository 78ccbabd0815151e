#include <iostream>

int main() {
  std::cout << "reghub\n";
  return 0;
}
