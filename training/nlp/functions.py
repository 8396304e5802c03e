"""Code passed to `spacy train --code` for the second (fine-tuning) stage of the shipped pipeline.

spaCy 3.8's EditTreeLemmatizer.from_disk restores the edit trees and labels but not the
tree -> label map, which is only built by `initialize`. A sourced lemmatizer that goes on training
would therefore map every gold tree to label 0 and forget its lemmas (dev lemma accuracy fell
from 0.906 to 0.745 in 500 steps). The callback rebuilds the map after initialisation.
"""
import spacy


@spacy.registry.callbacks("asiel.restore_lemmatizer_labels.v1")
def restore_lemmatizer_labels():
    def callback(nlp):
        # nlp.components, not nlp.pipeline: sourced components are disabled while initialising
        for _name, component in nlp.components:
            if hasattr(component, "tree2label") and not component.tree2label:
                for label, tree in enumerate(component.labels):
                    component.tree2label[tree] = label
        return nlp
    return callback
