/**
 * Imports a module another part of the toolkit provides, or returns undefined when this build
 * does not have it yet (the specifier is a variable so the type-checker does not require it).
 */
export async function optionalModule<T>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String((e as Error).message).includes(specifier.split("/").pop()?.replace(/\.js$/, "") ?? "")) return undefined;
    throw e;
  }
}
