import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import {
  aliasCount,
  isIntrospectionOperation,
  operationShapeProblem,
  rootFields,
  selectionDepth,
  tokenCount,
} from "./limits.validation";

function parsed(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { operation, fragments };
}

describe("selectionDepth", () => {
  it.each([
    ["{ me { id } }", 2],
    ["{ me { accounts { meters { id } } } }", 4],
    ["{ me { ...U } } fragment U on User { accounts { number } }", 3],
    ["{ me { ... on User { accounts { number } } } }", 3],
    // A fragment cycle (refused by graphql's own rule) does not loop here.
    ["{ me { ...A } } fragment A on User { accounts { ...B } } fragment B on Account { ...A }", 2],
    ["{ __typename }", 1],
  ])("%s → %i", (source, depth) => {
    const { operation, fragments } = parsed(source);
    expect(selectionDepth(operation.selectionSet, fragments)).toBe(depth);
  });
});

describe("aliasCount", () => {
  it.each([
    ["{ me { id } }", 0],
    ["{ a: me { id } b: me { i: id } }", 3],
    ["{ me { ...U } } fragment U on User { x: id y: email }", 2],
    ["{ me { ...U ...U } } fragment U on User { x: id }", 2],
    ["{ me { ... on User { x: id } } }", 1],
  ])("%s → %i", (source, count) => {
    const { operation, fragments } = parsed(source);
    expect(aliasCount(operation.selectionSet, fragments)).toBe(count);
  });
});

describe("rootFields", () => {
  it("flattens fragments and inline fragments at the root", () => {
    const { operation, fragments } = parsed(
      "mutation { logout ...F ... on Mutation { x: login(input: $i) { accessToken } } } " +
        "fragment F on Mutation { refreshSession { accessToken } }",
    );
    expect(rootFields(operation.selectionSet, fragments)).toEqual([
      { name: "logout", aliased: false },
      { name: "refreshSession", aliased: false },
      { name: "login", aliased: true },
    ]);
  });
});

const deep = (levels: number) => "{ " + "a { ".repeat(levels - 1) + "b" + " }".repeat(levels);

describe("operationShapeProblem", () => {
  it.each([
    ["depth 10", deep(10), null],
    ["depth 11", deep(11), /nested 11 levels/],
    ["depth 50", deep(50), /nested 50 levels/],
    ["5 aliases", "{ a: me { id } b: me { id } c: me { id } d: me { id } e: me { id } }", null],
    [
      "6 aliases",
      "{ a: me { id } b: me { id } c: me { id } d: me { id } e: me { id } f: me { id } }",
      /6 aliases/,
    ],
    ["one login", "mutation { login(input: $i) { accessToken } }", null],
    ["aliased login", "mutation { l: login(input: $i) { accessToken } }", /login must be the only/],
    [
      "login with another field",
      "mutation { login(input: $i) { accessToken } logout }",
      /login must/,
    ],
    [
      "two registers",
      "mutation { register(input: $a) { user { id } } register(input: $a) { user { id } } }",
      /register must/,
    ],
    [
      "linkAccount in a fragment",
      "mutation { ...L logout } fragment L on Mutation { linkAccount(input: $i) { number } }",
      /linkAccount must/,
    ],
    [
      "changePassword twice",
      "mutation { a: changePassword(input: $i) b: changePassword(input: $i) }",
      /changePassword must/,
    ],
    [
      "resetPassword + refreshSession",
      "mutation { resetPassword(input: $i) refreshSession { accessToken } }",
      /must be the only/,
    ],
    [
      "requestPasswordReset aliased",
      "mutation { r: requestPasswordReset(email: $e) }",
      /requestPasswordReset must/,
    ],
    ["other mutations together", "mutation { logout updateProfile(input: $i) { id } }", null],
  ])("%s", (_name, source, expected) => {
    const { operation, fragments } = parsed(source);
    const problem = operationShapeProblem(operation, fragments);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("isIntrospectionOperation", () => {
  it.each([
    ["{ __schema { types { name } } }", true],
    ['{ __type(name: "User") { name } __typename }', true],
    ["query Q { ...F } fragment F on Query { __schema { queryType { name } } }", true],
    ["{ __typename }", false],
    ["{ __schema { types { name } } me { id } }", false],
    ["{ me { __typename } }", false],
    ["mutation { __typename }", false],
  ])("%s → %s", (source, expected) => {
    const { operation, fragments } = parsed(source);
    expect(isIntrospectionOperation(operation, fragments)).toBe(expected);
  });
});

describe("tokenCount", () => {
  it.each([
    ["{ me { id } }", 6],
    ["# a comment\n{ me { id } } # another", 6],
    ['query Q($a: Int = 1) { x(a: $a, b: "s") }', 22],
  ])("%s → %i", (source, count) => {
    expect(tokenCount(parse(source))).toBe(count);
  });

  it("agrees with the parser's maxTokens", () => {
    const source = "{ " + "me { id } ".repeat(250) + " }";
    const count = tokenCount(parse(source));
    expect(() => parse(source, { maxTokens: count })).not.toThrow();
    expect(() => parse(source, { maxTokens: count - 1 })).toThrow(/more tha[nt]/);
  });
});
