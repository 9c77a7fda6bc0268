// SCAFFOLD: replaced by the real command-line program (being written now).
int main() { return 0; }
