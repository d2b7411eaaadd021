interface Props {
  q?: string;
  city?: string;
}

/**
 * A plain GET form: the search is in the address (shareable, back button works) and works before
 * the page's scripts have loaded.
 */
export function EventSearchForm({ q = '', city = '' }: Props) {
  return (
    <form className="search-form" role="search" action="/" method="get" aria-label="Find events">
      <div className="field">
        <label htmlFor="search-q">Search events</label>
        <input id="search-q" name="q" type="search" defaultValue={q} maxLength={200} placeholder="Artist, venue or city" />
      </div>
      <div className="field">
        <label htmlFor="search-city">City</label>
        <input id="search-city" name="city" type="text" defaultValue={city} maxLength={100} autoComplete="address-level2" />
      </div>
      <button type="submit" className="button button-primary">
        Search
      </button>
    </form>
  );
}
