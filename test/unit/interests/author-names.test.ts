/** Author names: one key per person across spellings, orders, accents, initials, particles and suffixes. */
import { describe, expect, it } from "vitest";
import { authorKey, displayAuthor, sameAuthor } from "../../../src/interests/author-names";

describe("authorKey", () => {
  it.each([
    ["Ada Lovelace", "lovelace|a"],
    ["A. Lovelace", "lovelace|a"],
    ["A Lovelace", "lovelace|a"],
    ["Lovelace, A.", "lovelace|a"],
    ["Lovelace, Ada", "lovelace|a"],
    ["Lovelace A.", "lovelace|a"],
    ["Lovelace A", "lovelace|a"],
    ["ADA LOVELACE", "lovelace|a"],
    ["  ada   lovelace ", "lovelace|a"],
    ["Ada King Lovelace", "lovelace|a"],
    ["Ada Lovelace III", "lovelace|a"],
    ["Ada Lovelace, Jr.", "lovelace|a"],
    ["Lovelace, Jr., Ada", "lovelace|a"],
    ["José Müller", "muller|j"],
    ["Jose Muller", "muller|j"],
    ["M\\\"uller, Jos\\'e", "muller|j"],
    ['M{\\"u}ller, J.', "muller|j"],
    ["Jean-Pierre Sauvage", "sauvage|j"],
    ["Sauvage, J.-P.", "sauvage|j"],
    ["Ludwig van Beethoven", "beethoven|l"],
    ["van Beethoven, Ludwig", "beethoven|l"],
    ["Beethoven, Ludwig van", "beethoven|l"],
    ["Gabriel García Márquez", "marquez|g"],
    ["García Márquez, Gabriel", "marquez|g"],
    ["Quoc V. Le", "le|q"],
    ["Le, Quoc V.", "le|q"],
    ["Łukasz Kaiser", "kaiser|l"],
    ["Conor O'Brien", "obrien|c"],
    ["Madonna", "madonna|"],
    ["van Beethoven", "beethoven|"],
  ])("%s → %s", (name, key) => {
    expect(authorKey(name)).toBe(key);
  });

  it.each(["", "   ", " , ", "others", "et al.", "...", "{}"])("has no key for %j", (name) => {
    expect(authorKey(name)).toBeNull();
  });
});

describe("sameAuthor", () => {
  it.each([
    ["Ada Lovelace", "Lovelace, A."],
    ["A. Lovelace", "A Lovelace"],
    ["Ada King Lovelace", "Ada Lovelace"],
    ["José Müller", 'M{\\"u}ller, Jose'],
    ["Jean-Pierre Sauvage", "J. Sauvage"],
    ["Ludwig van Beethoven", "Beethoven, L."],
    ["Martin Luther King Jr.", "King, Martin"],
    // The accepted collision: same family name and first initial.
    ["Alan Turing", "Anne Turing"],
  ])("%s = %s", (a, b) => {
    expect(sameAuthor(a, b)).toBe(true);
    expect(sameAuthor(b, a)).toBe(true);
  });

  it.each([
    ["Ada Lovelace", "Bea Lovelace"],
    ["Ada Lovelace", "Ada Byron"],
    ["Madonna", "M. Madonna"],
    ["Lennard-Jones, J.", "J. Jones"],
    ["others", "others"],
    ["", ""],
  ])("%s ≠ %s", (a, b) => {
    expect(sameAuthor(a, b)).toBe(false);
  });
});

describe("displayAuthor", () => {
  it.each([
    ["Lovelace, Ada", "Ada Lovelace"],
    ["Lovelace, Jr., Ada", "Ada Lovelace Jr."],
    ["M{\\\"u}ller, Jos\\'e", "José Müller"],
    ["  Ada   Lovelace ", "Ada Lovelace"],
    ["Malcolm X", "Malcolm X"],
  ])("%s → %s", (name, shown) => {
    expect(displayAuthor(name)).toBe(shown);
  });
});
