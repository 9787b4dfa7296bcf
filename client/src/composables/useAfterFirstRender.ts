import { onMounted, ref, type Ref } from "vue";

/**
 * False for a component's first render, true in a task of its own right after it: content
 * below the fold is drawn after what the phone shows first, so neither is one long task that
 * keeps a slow phone from answering a tap.
 */
export function useAfterFirstRender(): Ref<boolean> {
  const ready = ref(false);
  onMounted(() => {
    setTimeout(() => (ready.value = true), 0);
  });
  return ready;
}
