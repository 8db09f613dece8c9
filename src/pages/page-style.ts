/**
 * The one stylesheet, inlined in every page (no extra request, no script). Fluid to 320px wide;
 * every text colour is at least 4.5:1 on its background (WCAG AA), the focus ring is visible.
 */
export const PAGE_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
a { color: #0b57d0; text-underline-offset: .15em; }
a:visited { color: #6a1b9a; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 1.2rem 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .6rem; border-top: 1px solid #d0d0d0; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p, li { overflow-wrap: anywhere; }
.site { background: #f3f4f6; border-bottom: 1px solid #d0d0d0; }
.site .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem 1.2rem; padding-top: .7rem; padding-bottom: .7rem; }
.brand { font-weight: 700; font-size: 1.1rem; color: #1a1a1a; text-decoration: none; }
.site nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
.about { margin: 1rem 0 .5rem; }
.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .8rem 0 1rem; }
.search input { flex: 1 1 10rem; min-width: 0; padding: .45rem .5rem; font-size: 1rem; border: 1px solid #767676; border-radius: 4px; }
.search button { padding: .45rem .9rem; font-size: 1rem; border: 1px solid #0b57d0; border-radius: 4px; background: #0b57d0; color: #fff; }
button { padding: .45rem .9rem; font: inherit; border: 1px solid #0b57d0; border-radius: 4px; background: #0b57d0; color: #fff; cursor: pointer; }
.subscribe { margin: 1rem 0; }
.subscribe .field { margin: 0 0 1rem; }
.subscribe label[for] { display: block; font-weight: 600; margin: 0 0 .25rem; }
.subscribe input[type=email], .subscribe input[type=text] { display: block; width: 100%; padding: .45rem .5rem; font: inherit; border: 1px solid #767676; border-radius: 4px; }
.subscribe input[aria-invalid=true] { border: 2px solid #b3261e; }
.subscribe fieldset { margin: 0 0 1rem; padding: .5rem .8rem .3rem; border: 1px solid #767676; border-radius: 4px; }
.subscribe legend { font-weight: 600; padding: 0 .3rem; }
.hint { color: #4a4a4a; font-size: .9rem; margin: 0 0 .4rem; }
.choices { list-style: none; margin: 0; padding: 0; }
.choices label { display: block; padding: .3rem 0; }
.choices input { width: 1.1rem; height: 1.1rem; vertical-align: -.15em; margin: 0 .3rem 0 0; }
.form-problem { border: 2px solid #b3261e; background: #fdecea; color: #1a1a1a; padding: .2rem .8rem; border-radius: 6px; margin: .8rem 0; }
.sub { color: #4a4a4a; margin: 0 0 .8rem; }
.meta { color: #4a4a4a; font-size: .9rem; }
.banner { border: 2px solid #b45309; background: #fff7e6; color: #1a1a1a; padding: .6rem .8rem; border-radius: 6px; margin: .8rem 0; }
.banner strong { color: #8a3c00; }
.stats { background: #f3f4f6; border-radius: 6px; padding: .6rem .8rem; margin: .8rem 0; }
.stats p { margin: .2rem 0; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .02em; text-transform: uppercase; color: #fff; background: #137333; border-radius: 4px; padding: .05rem .4rem; vertical-align: middle; }
.badge.preview { background: #8a3c00; }
.terms { color: #4a4a4a; font-size: .9rem; margin: 0 0 .6rem; }
.papers { list-style: none; margin: 0; padding: 0; }
.papers > li { margin: 0 0 1.1rem; }
.paper-title { font-weight: 600; }
.summary { margin: .2rem 0 0; }
.links { font-size: .9rem; }
.seen { padding-left: 1.2rem; }
.seen li { margin: 0 0 .6rem; }
.archive { list-style: none; margin: 0; padding: 0; }
.archive li { padding: .7rem 0; border-bottom: 1px solid #e0e0e0; }
.archive a { font-weight: 600; }
figure { margin: 1rem 0; }
.chart { display: block; width: 100%; max-width: 36rem; height: auto; }
.legend { list-style: none; margin: .5rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .9rem; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; margin-right: .35em; vertical-align: -.1em; }
footer { margin: 3rem 0 2rem; color: #4a4a4a; font-size: .9rem; }
@media (max-width: 30rem) { h1 { font-size: 1.35rem; } h2 { font-size: 1.15rem; } }
`;
