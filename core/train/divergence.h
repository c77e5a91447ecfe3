#pragma once
// When a training loss counts as diverged although it is still finite.

namespace metacf {

// A mean BCE per pair this large needs logits of about this size on the wrong side: sigmoid
// saturated far beyond float precision. No run that is still learning gets there (it starts at
// 0.69), while an absurd step size can keep the loss finite but huge for ages (Adam's steps are
// bounded, a linear initialiser's loss grows only polynomially) before it reaches infinity.
constexpr double kDivergedLossPerPair = 1e4;

}  // namespace metacf
