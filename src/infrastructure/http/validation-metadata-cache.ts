import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

let installed = false;

/**
 * class-validator recomputes a DTO's rules on every validation: it filters the class's own
 * metadata and then tests `instanceof` against every decorated class of the application (to find
 * inherited rules), and groups the result by property, before it checks a single field. The
 * answer depends only on the class, the options and the registered metadata, which is complete
 * once the classes are loaded, so it is kept per (class, options) here and forgotten whenever a
 * rule is registered. class-validator reads both results and never changes them.
 */
export function memoizeValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed && storage === getMetadataStorage()) return;
  if (storage === getMetadataStorage()) installed = true;
  const targetMetadatas = storage.getTargetValidationMetadatas.bind(storage);
  const groupByPropertyName = storage.groupByPropertyName.bind(storage);
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  let byTarget = new Map<unknown, Map<string, Metadata>>();
  let grouped = new WeakMap<Metadata, Grouped>();

  storage.addValidationMetadata = (metadata) => {
    byTarget = new Map();
    grouped = new WeakMap();
    addValidationMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}\u0000${groups?.length ?? -1}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found)
      forTarget.set(key, (found = targetMetadatas(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = groupByPropertyName(metadata)));
    return found;
  };
}
