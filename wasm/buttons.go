//go:build js && wasm

package main

import (
	"github.com/hexops/vecty"
	"github.com/hexops/vecty/elem"
	"github.com/hexops/vecty/event"
	"github.com/hexops/vecty/prop"

	"github.com/relegator/relegator/core/config"
)

// Buttons is the row of run buttons and the presets.
type Buttons struct {
	vecty.Core
	App  *App  `vecty:"prop"`
	Loop *loop `vecty:"prop"`
}

// Render implements vecty.Component.
func (b *Buttons) Render() (out vecty.ComponentOrHTML) {
	defer b.Loop.renderGuard("buttons", &out)
	play := "Play"
	if b.App.Running() {
		play = "Pause"
	}
	return elem.Div(
		elem.Div(vecty.Markup(vecty.Class("buttons")),
			button("play", play, "Start or pause training", b.onPlay, "primary"),
			button("step", "Step", "Train one epoch", b.onStep, ""),
			button("reset", "Reset", "New weights on the same data", b.onReset, ""),
			button("regenerate", "Regenerate", "New data (next seed) and new weights", b.onRegenerate, ""),
		),
		elem.Div(vecty.Markup(vecty.Class("buttons")),
			button("preset-browser", "Browser configuration",
				"The seed's configuration scaled down for a browser tab", b.onBrowser, ""),
			button("preset-seed", "Seed configuration",
				"The seed's reference configuration trained the seed's way: 25000 events, full batch (slow)",
				b.onSeed, ""),
			button("preset-default", "Tuned recipe",
				"The seed's data and model at full size, trained with the tuned recipe",
				b.onDefault, ""),
		),
	)
}

func button(id, text, title string, onClick func(*vecty.Event), class string) *vecty.HTML {
	return elem.Button(vecty.Markup(prop.ID(id), prop.Type(prop.TypeButton),
		vecty.Attribute("title", title),
		vecty.MarkupIf(class != "", vecty.Class(class)),
		event.Click(onClick)), vecty.Text(text))
}

func (b *Buttons) onPlay(*vecty.Event) { b.Loop.handle("Play", b.App.TogglePlay) }

func (b *Buttons) onStep(*vecty.Event) {
	b.Loop.handle("Step", func() {
		if err := b.App.StepEpochs(1, nil); err != nil {
			b.App.setMessage(err.Error())
		}
	})
}

func (b *Buttons) onReset(*vecty.Event) { b.Loop.handle("Reset", b.App.Reset) }

func (b *Buttons) onRegenerate(*vecty.Event) { b.Loop.handle("Regenerate", b.App.Regenerate) }

func (b *Buttons) onBrowser(*vecty.Event) { b.preset(config.Browser()) }

func (b *Buttons) onSeed(*vecty.Event) { b.preset(config.SeedRecipe()) }

func (b *Buttons) onDefault(*vecty.Event) { b.preset(config.Tuned()) }

func (b *Buttons) preset(c config.Config) {
	b.Loop.handle("preset", func() {
		if err := b.App.UsePreset(c); err != nil {
			b.App.setMessage("The preset is invalid: " + err.Error())
		}
	})
}
