import { mount, RouterLinkStub, type ComponentMountingOptions } from "@vue/test-utils";
import { nextTick, type Component } from "vue";
import { ApiFailure } from "../apollo/failure";
import { i18n } from "../i18n";
import ru from "../locales/ru.json";

/** Mounts a component with the Russian messages and RouterLink stubbed. */
export function mountRu<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> = {},
) {
  i18n.global.setLocaleMessage("ru", ru as never);
  i18n.global.locale.value = "ru";
  return mount(component, {
    ...options,
    global: {
      plugins: [i18n],
      stubs: { RouterLink: RouterLinkStub, I18nT: false },
      ...(options.global ?? {}),
    },
  } as ComponentMountingOptions<C>);
}

/** What the app's links make of a GraphQL refusal. */
export function graphqlRefusal(
  code: string,
  field?: string,
  extensions: Record<string, unknown> = {},
): ApiFailure {
  return new ApiFailure(code, field, { code, ...(field ? { field } : {}), ...extensions });
}

/** Intl groups digits with no-break spaces; tests compare with plain ones. */
export const plain = (text: string): string => text.replace(/[\u00A0\u202F]/g, " ");

/** Lets content drawn in steps (`useRenderSteps`) appear: each step's task, then Vue's render. */
export async function afterRenderSteps(steps = 3): Promise<void> {
  for (let step = 0; step < steps; step++) {
    await new Promise((done) => setTimeout(done, 0));
    await nextTick();
  }
}
