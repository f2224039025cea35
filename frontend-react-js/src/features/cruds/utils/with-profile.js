/** Renames and re-pictures a person's items after they edit their profile. */
export function withProfile(items, profile) {
  return items.map((item) =>
    item.handle === profile.handle
      ? {
          ...item,
          display_name: profile.display_name,
          avatar_url: profile.avatar_url ?? item.avatar_url,
        }
      : item,
  );
}
