import { mount } from "@vue/test-utils";
import { defineComponent, h, nextTick } from "vue";
import { afterRenderSteps } from "../test/mount";
import { useRenderSteps } from "./useRenderSteps";

const Steps = defineComponent({
  setup() {
    const drawn = useRenderSteps(2);
    return () =>
      h("ol", [
        h("li", "first"),
        drawn.value >= 1 && h("li", "second"),
        drawn.value >= 2 && h("li", "third"),
      ]);
  },
});

describe("useRenderSteps", () => {
  it("draws one more part in each task after the first render, and stops at the last", async () => {
    const wrapper = mount(Steps);
    const parts = () => wrapper.findAll("li").map((item) => item.text());
    expect(parts()).toEqual(["first"]);
    await nextTick();
    expect(parts()).toEqual(["first"]); // not in the same task
    await afterRenderSteps(1);
    expect(parts()).toEqual(["first", "second"]);
    await afterRenderSteps(1);
    expect(parts()).toEqual(["first", "second", "third"]);
    await afterRenderSteps(2);
    expect(parts()).toEqual(["first", "second", "third"]);
  });

  it("leaves no timer behind when the component goes before its last step", async () => {
    jest.useFakeTimers();
    try {
      const wrapper = mount(Steps);
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(0);
      expect(jest.getTimerCount()).toBe(1);
      wrapper.unmount();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
