module github.com/relegator/relegator

go 1.26

require (
	github.com/chromedp/chromedp v0.23.1
	github.com/hexops/vecty v0.6.0
	gonum.org/v1/gonum v0.17.0
	honnef.co/go/js/dom/v2 v2.0.0-20231112215516-51f43a291193
)

require (
	github.com/chromedp/cdproto v0.160.1 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	golang.org/x/tools v0.30.0 // indirect
)
