#include "expr/parser.hpp"

#include <numbers>
#include <optional>
#include <utility>

#include "derive/arguments.hpp"
#include "expr/lexer.hpp"
#include "expr/suggest.hpp"

namespace derive::expr {
namespace {

// The tree is built on the heap: a Node is about 200 bytes, and a Node held in
// every frame of the recursion would cost kilobytes of stack per nesting level.
using NodePtr = std::unique_ptr<Node>;

bool comparison_op(TokenKind kind, Op& op) {
  switch (kind) {
    case TokenKind::Equal:
      op = Op::Equal;
      return true;
    case TokenKind::NotEqual:
      op = Op::NotEqual;
      return true;
    case TokenKind::Less:
      op = Op::Less;
      return true;
    case TokenKind::LessEqual:
      op = Op::LessEqual;
      return true;
    case TokenKind::Greater:
      op = Op::Greater;
      return true;
    case TokenKind::GreaterEqual:
      op = Op::GreaterEqual;
      return true;
    default:
      return false;
  }
}

// One call argument as written, before it is bound to a parameter.
struct Argument {
  std::string name;  // "" when positional
  int column = 1;
  std::unique_ptr<Node> value;
};

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, const Registry& registry, ParseOutput& out)
      : tokens_(tokens), registry_(registry), out_(out) {}

  Result<NodePtr> parse_all() {
    DERIVE_TRY(NodePtr root, parse_or());
    if (peek().kind != TokenKind::End) return unexpected(peek(), "an operator or end of input");
    return root;
  }

 private:
  // Functions marked noinline are off the recursive path (or on it only for
  // calls); inlining them would grow every frame of every nesting level.

  // Counts nesting for kMaxDepth; every recursive path of the grammar passes
  // through parse_unary or an index, which hold one of these.
  class DepthGuard {
   public:
    explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    int& depth_;
  };

  const Token& peek(std::size_t ahead = 0) const {
    const std::size_t i = position_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& next() {
    const Token& token = tokens_[position_];
    if (position_ + 1 < tokens_.size()) ++position_;
    return token;
  }
  bool accept(TokenKind kind) {
    if (peek().kind != kind) return false;
    next();
    return true;
  }

  [[gnu::noinline]] Error unexpected(const Token& found, const std::string& expected) const {
    if (found.kind == TokenKind::Assign) {
      return error_at_column(
          ErrorCode::Syntax, found.column,
          "'=' is not a comparison; write '==' to compare (a single '=' names an argument: f(x=1))");
    }
    if (found.kind == TokenKind::RParen && expected == "an operator or end of input") {
      return error_at_column(ErrorCode::Syntax, found.column, "')' has no matching '('");
    }
    if (found.kind == TokenKind::RBracket && expected == "an operator or end of input") {
      return error_at_column(ErrorCode::Syntax, found.column, "']' has no matching '['");
    }
    return error_at_column(ErrorCode::Syntax, found.column,
                           "expected " + expected + ", found " + describe(found));
  }

  [[gnu::noinline]] Error too_deep(const Token& at) const {
    return error_at_column(
        ErrorCode::Syntax, at.column,
        "expression is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
  }

  [[gnu::noinline]] std::string closing(const char* what, const Token& open) const {
    return std::string(what) + " to close '" + std::string(open.text) + "' at column " +
           std::to_string(open.column);
  }

  // The binary levels of the grammar, loosest first: or, and, cmp, sum,
  // product. They are parsed by one loop with explicit stacks (operator
  // precedence parsing) rather than one recursive function per level, so a
  // nesting level costs two or three stack frames instead of seven.
  static constexpr int kOrLevel = 0, kAndLevel = 1, kCompareLevel = 2, kSumLevel = 3, kProductLevel = 4;

  // The level of a binary operator token, or -1 for anything else.
  static int binary_level(TokenKind kind, Op& op) {
    switch (kind) {
      case TokenKind::Or:
        return kOrLevel;
      case TokenKind::And:
        return kAndLevel;
      case TokenKind::Plus:
        op = Op::Add;
        return kSumLevel;
      case TokenKind::Minus:
        op = Op::Subtract;
        return kSumLevel;
      case TokenKind::Star:
        op = Op::Multiply;
        return kProductLevel;
      case TokenKind::Slash:
        op = Op::Divide;
        return kProductLevel;
      default:
        return comparison_op(kind, op) ? kCompareLevel : -1;
    }
  }

  struct Operand {
    NodePtr node;
    int level = -1;  // the level of the operator node built here; -1 for a unary
  };
  struct PendingOperator {
    int level;
    Op op;
    int column;
  };

  // Combines the two topmost operands with the topmost operator. A run of
  // operators of one level (1 + 2 - 3, a && b && c) becomes one node with many
  // children, so long sums do not make evaluation recurse once per term.
  Status reduce(std::vector<Operand>& operands, std::vector<PendingOperator>& operators) {
    const PendingOperator top = operators.back();
    operators.pop_back();
    Operand rhs = std::move(operands.back());
    operands.pop_back();
    Operand& lhs = operands.back();
    if (top.level == kCompareLevel && lhs.level == kCompareLevel) {
      return error_at_column(ErrorCode::Syntax, top.column,
                             "comparisons do not chain; write 'a < b && b < c'");
    }
    if (lhs.level == top.level && top.level != kCompareLevel) {
      if (top.level >= kSumLevel) lhs.node->ops.push_back(top.op);
      lhs.node->children.push_back(std::move(*rhs.node));
      return {};
    }
    auto node = std::make_unique<Node>();
    if (top.level == kOrLevel)
      node->kind = NodeKind::Or;
    else if (top.level == kAndLevel)
      node->kind = NodeKind::And;
    else if (top.level == kCompareLevel)
      node->kind = NodeKind::Compare;
    else
      node->kind = NodeKind::Chain;
    if (top.level >= kCompareLevel) node->ops.push_back(top.op);
    node->children.push_back(std::move(*lhs.node));
    node->children.push_back(std::move(*rhs.node));
    lhs.node = std::move(node);
    lhs.level = top.level;
    return {};
  }

  // expr := unary (binary-operator unary)*, with the levels above; every
  // operator is left-associative.
  Result<NodePtr> parse_or() {
    std::vector<Operand> operands;
    std::vector<PendingOperator> operators;
    DERIVE_TRY(NodePtr first, parse_unary());
    operands.push_back(Operand{std::move(first), -1});
    Op op{};
    for (int level = binary_level(peek().kind, op); level >= 0; level = binary_level(peek().kind, op)) {
      while (!operators.empty() && operators.back().level >= level) DERIVE_CHECK(reduce(operands, operators));
      operators.push_back(PendingOperator{level, op, next().column});
      DERIVE_TRY(NodePtr operand, parse_unary());
      operands.push_back(Operand{std::move(operand), -1});
    }
    while (!operators.empty()) DERIVE_CHECK(reduce(operands, operators));
    return std::move(operands.back().node);
  }

  // unary := ("-" | "+" | "!") unary | power
  Result<NodePtr> parse_unary() {
    const DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return too_deep(peek());
    Op op{};
    switch (peek().kind) {
      case TokenKind::Minus:
        op = Op::Negate;
        break;
      case TokenKind::Plus:
        op = Op::Plus;
        break;
      case TokenKind::Not:
        op = Op::Not;
        break;
      default:
        return parse_power();
    }
    next();
    DERIVE_TRY(NodePtr operand, parse_unary());
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Unary;
    node->ops.push_back(op);
    node->children.push_back(std::move(*operand));
    return node;
  }

  // power := postfix ( "^" unary )?   The exponent is a unary, which makes ^
  // right-associative and lets it take a sign: 2^-1.
  Result<NodePtr> parse_power() {
    DERIVE_TRY(NodePtr base, parse_postfix());
    if (!accept(TokenKind::Caret)) return base;
    DERIVE_TRY(NodePtr exponent, parse_unary());
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Power;
    node->children.push_back(std::move(*base));
    node->children.push_back(std::move(*exponent));
    return node;
  }

  // postfix := primary ( "[" expr "]" )*
  Result<NodePtr> parse_postfix() {
    DERIVE_TRY(NodePtr node, parse_primary());
    const int depth_before = depth_;
    while (peek().kind == TokenKind::LBracket) {
      // x[0][0]... nests Index nodes without recursing here, so count each level.
      if (++depth_ > kMaxDepth) {
        depth_ = depth_before;
        return too_deep(peek());
      }
      const Token& open = next();
      auto index = parse_or();
      if (!index.ok()) {
        depth_ = depth_before;
        return index.error();
      }
      if (!accept(TokenKind::RBracket)) {
        depth_ = depth_before;
        return unexpected(peek(), closing("']'", open));
      }
      auto indexed = std::make_unique<Node>();
      indexed->kind = NodeKind::Index;
      indexed->children.push_back(std::move(*node));
      indexed->children.push_back(std::move(*index.value()));
      node = std::move(indexed);
    }
    depth_ = depth_before;
    return node;
  }

  Result<NodePtr> parse_primary() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::Number: {
        next();
        auto node = std::make_unique<Node>();
        node->literal = Value(token.number);
        return node;
      }
      case TokenKind::Identifier:
        return parse_identifier();
      case TokenKind::LParen: {
        const Token& open = next();
        DERIVE_TRY(NodePtr inner, parse_or());
        if (!accept(TokenKind::RParen)) return unexpected(peek(), closing("')'", open));
        return inner;
      }
      case TokenKind::LBracket:
        return parse_list();
      default:
        return unexpected(token, "an expression");
    }
  }

  [[gnu::noinline]] Result<NodePtr> parse_identifier() {
    const Token& token = next();
    if (peek().kind == TokenKind::LParen) return parse_call(token);
    auto node = std::make_unique<Node>();
    if (token.text == "true" || token.text == "false") {
      node->literal = Value(token.text == "true");
    } else if (token.text == "pi") {
      node->literal = Value(Number::from_double(std::numbers::pi));
    } else {
      node->kind = NodeKind::Name;
      node->name = std::string(token.text);
      out_.names.insert(node->name);
    }
    return node;
  }

  // "[" (expr ("," expr)*)? "]"
  [[gnu::noinline]] Result<NodePtr> parse_list() {
    const Token& open = next();
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::List;
    if (accept(TokenKind::RBracket)) return node;
    while (true) {
      DERIVE_TRY(NodePtr item, parse_or());
      node->children.push_back(std::move(*item));
      if (accept(TokenKind::RBracket)) return node;
      if (!accept(TokenKind::Comma)) return unexpected(peek(), closing("',' or ']'", open));
    }
  }

  // identifier "(" args? ")", with the identifier already consumed.
  [[gnu::noinline]] Result<NodePtr> parse_call(const Token& name) {
    const Token& open = next();
    std::vector<Argument> args;
    if (!accept(TokenKind::RParen)) {
      while (true) {
        Argument arg;
        arg.column = peek().column;
        if (peek().kind == TokenKind::Identifier && peek(1).kind == TokenKind::Assign) {
          arg.name = std::string(next().text);
          next();
        } else if (!args.empty() && !args.back().name.empty()) {
          return error_at_column(ErrorCode::Syntax, arg.column,
                                 "a positional argument cannot follow a named one");
        }
        DERIVE_TRY(arg.value, parse_or());
        args.push_back(std::move(arg));
        if (accept(TokenKind::RParen)) break;
        if (!accept(TokenKind::Comma)) return unexpected(peek(), closing("',' or ')'", open));
      }
    }
    if (const BuiltinSpec* builtin = find_builtin(name.text))
      return bind_builtin(*builtin, name, std::move(args));
    if (const FunctionSpec* spec = registry_.find(name.text))
      return bind_engine(*spec, name, std::move(args));
    std::vector<std::string_view> candidates;
    for (const BuiltinSpec& b : all_builtins()) candidates.push_back(b.name);
    for (const FunctionSpec& f : registry_.functions()) candidates.push_back(f.name);
    Error unknown = error_at_column(
        ErrorCode::UnknownFunction, name.column,
        "unknown function '" + std::string(name.text) + "'" + did_you_mean(name.text, candidates));
    unknown.name = std::string(name.text);
    return unknown;
  }

  static std::vector<ArgumentShape> shapes_of(const std::vector<Argument>& args) {
    std::vector<ArgumentShape> shapes;
    shapes.reserve(args.size());
    for (const Argument& arg : args) shapes.push_back({arg.name, arg.column});
    return shapes;
  }

  // Puts builtin arguments in parameter order (bind_arguments, the binder of
  // every call); the arity is checked here, once, rather than at every evaluation.
  [[gnu::noinline]] Result<NodePtr> bind_builtin(const BuiltinSpec& spec, const Token& name,
                                                 std::vector<Argument> args) {
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Builtin;
    node->builtin = spec.id;
    node->name = std::string(spec.name);
    out_.functions.insert(node->name);
    if (spec.max_args == kVariadic) {
      for (Argument& arg : args) {
        if (!arg.name.empty()) {
          return error_at_column(ErrorCode::Invalid, arg.column,
                                 std::string(spec.name) + " takes no named arguments");
        }
        node->children.push_back(std::move(*arg.value));
      }
      if (node->children.size() < spec.min_args) {
        return error_at_column(ErrorCode::Invalid, name.column,
                               std::string(spec.name) + " takes at least " + std::to_string(spec.min_args) +
                                   (spec.min_args == 1 ? " argument" : " arguments") + ", got " +
                                   std::to_string(args.size()));
      }
      return node;
    }
    std::vector<ParameterShape> params;
    for (std::size_t i = 0; i < spec.max_args; ++i) params.push_back({spec.params[i], i < spec.min_args, ""});
    DERIVE_TRY(const std::vector<std::size_t> slots,
               bind_arguments(spec.name, params, shapes_of(args), name.column));
    // A builtin reads its arguments by position, so the given ones must be a
    // prefix: a later optional one named while an earlier one is left out is refused.
    std::size_t count = spec.min_args;
    while (count < spec.max_args && slots[count] != kUnbound) ++count;
    for (std::size_t i = count; i < spec.max_args; ++i) {
      if (slots[i] != kUnbound) {
        return error_at_column(
            ErrorCode::Invalid, name.column,
            std::string(spec.name) + ": missing parameter '" + std::string(spec.params[count]) + "'");
      }
    }
    for (std::size_t i = 0; i < count; ++i) node->children.push_back(std::move(*args[slots[i]].value));
    return node;
  }

  // Engine calls are bound here, once: lint reports a misspelt parameter
  // without evaluating anything, and the evaluator only fills the slots.
  [[gnu::noinline]] Result<NodePtr> bind_engine(const FunctionSpec& spec, const Token& name,
                                                std::vector<Argument> args) {
    DERIVE_TRY(std::vector<std::size_t> slots,
               bind_arguments(spec.name, parameter_shapes(spec), shapes_of(args), name.column));
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Engine;
    node->name = spec.name;
    node->function = std::make_shared<const FunctionSpec>(spec);
    node->slots = std::move(slots);
    for (Argument& arg : args) node->children.push_back(std::move(*arg.value));
    out_.functions.insert(node->name);
    return node;
  }

  const std::vector<Token>& tokens_;
  const Registry& registry_;
  ParseOutput& out_;
  std::size_t position_ = 0;
  // The outermost level is 0, so kMaxDepth is the number of nested constructs
  // (parentheses, signs, exponents, indexes, arguments) allowed inside it.
  int depth_ = -1;
};

}  // namespace

Result<ParseOutput> parse(std::string_view text, const Registry& registry) {
  if (text.size() > kMaxLength) {
    return make_error("expression is too long: " + std::to_string(text.size()) +
                      " characters, the limit is " + std::to_string(kMaxLength));
  }
  DERIVE_TRY(std::vector<Token> tokens, tokenize(text));
  ParseOutput out;
  Parser parser(tokens, registry, out);
  DERIVE_TRY(NodePtr root, parser.parse_all());
  out.root = std::move(*root);
  return out;
}

}  // namespace derive::expr
