import { describe, expect, it } from "vitest";
import { readBeat } from "./beat";

describe("readBeat", () => {
  it("finds the things and creatures a beat names", () => {
    expect(readBeat("A friendly dragon shares a map with a sleepy giant.")).toMatchObject({
      props: expect.arrayContaining(["map"]),
      creatures: expect.arrayContaining(["dragon", "giant"]),
    });
    expect(readBeat("A grumpy troll blocks the bridge, growling.")).toMatchObject({ creatures: ["monster"], mood: "grumpy", props: ["bridge"] });
    expect(readBeat("They ride the little train through a tunnel to the boat.").props).toEqual(expect.arrayContaining(["train", "tunnel", "boat"]));
    expect(readBeat("Everyone throws a party!").props).toEqual(expect.arrayContaining(["bunting", "cake", "balloons"]));
    expect(readBeat("A pony trots past a rocket.")).toMatchObject({ creatures: ["pony"], props: ["rocket"] });
  });

  it("keeps one drawing per idea", () => {
    // A map in a bottle is a bottle; a bridge that tumbles is a broken bridge over its stream.
    expect(readBeat("A map in a bottle bobs past.").props).toEqual(["bottle"]);
    expect(readBeat("The bridge across the stream tumbles down. Splash!").props).toEqual(["brokenBridge"]);
  });

  it("ignores the hero's and companion's names", () => {
    expect(readBeat("Biscuit the pony nibbles a biscuit.", ["Biscuit"]).props).toEqual(["buns"]);
    expect(readBeat("Biscuit the pony is always close by.", ["Biscuit"]).props).toEqual([]);
  });

  it("reads the action, the feeling, the place and the time", () => {
    expect(readBeat("At last she heads home, tucked up in bed.")).toMatchObject({ pose: "inBed", place: "bedroom", time: "night", expression: "sleep" });
    expect(readBeat("The path leads to a dark, rumbling tunnel, and her knees begin to wobble.")).toMatchObject({ pose: "scared", expression: "worried", gloomy: true });
    expect(readBeat("He takes a deep breath and steps inside the tunnel.")).toMatchObject({ place: "cave", expression: "determined" });
    expect(readBeat("The rumbling was only a sleepy giant snoring! She tiptoes past.")).toMatchObject({ pose: "tiptoe", mood: "sleep" });
    expect(readBeat("Everyone cheers and she takes a bow.").pose).toBe("bow");
    expect(readBeat("As the sun sets, they race home.")).toMatchObject({ time: "sunset", pose: "run" });
    expect(readBeat("One morning a note flutters through the window.")).toMatchObject({ time: "morning", place: "indoors", pose: "reach", props: ["note"] });
    expect(readBeat("Thunder rumbles and the rain comes down.").weather).toBe("storm");
    expect(readBeat("She finds a quiet spot to rest and dreams of dinosaurs.")).toMatchObject({ pose: "rest", dream: true });
  });

  it("notices crowds, hiding and many of a kind", () => {
    expect(readBeat("He meets a whole family of ducks.")).toMatchObject({ creatures: ["duck"], many: true });
    expect(readBeat("Someone small is hiding behind a rock.")).toMatchObject({ hiding: true, props: ["rock"] });
    expect(readBeat("Everyone on the mountain gathers to say thank you.").crowd).toBe(true);
  });
});
