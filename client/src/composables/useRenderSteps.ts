import { onBeforeUnmount, onMounted, ref, type Ref } from "vue";

/**
 * How many of a component's later parts may be drawn: 0 in its first render, then one more in
 * each task after it, up to `parts`. A screen drawn in steps is several short tasks rather than
 * one long one that keeps a slow phone from answering a tap, and what it shows first is drawn
 * first.
 */
export function useRenderSteps(parts: number): Ref<number> {
  const step = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    step.value += 1;
    timer = step.value < parts ? setTimeout(next, 0) : undefined;
  };
  onMounted(() => {
    timer = setTimeout(next, 0);
  });
  onBeforeUnmount(() => clearTimeout(timer));
  return step;
}
